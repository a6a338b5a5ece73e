package io.loonflow.bpmn.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Django's {@code pbkdf2_sha256} password format, so that hashes migrated from loonflow keep working:
 * {@code pbkdf2_sha256$<iterations>$<salt>$<base64(PBKDF2-HMAC-SHA256(utf8(password), utf8(salt), iterations, 32))>}.
 * Unusable passwords ({@code !...}), empty or unknown hashes and empty passwords never match.
 */
@Component
class DjangoPasswordHasher {

    static final String ALGORITHM = "pbkdf2_sha256";

    /**
     * 600 000 is OWASP's current recommendation for PBKDF2-HMAC-SHA256 and Django 4.2's default; loonflow's
     * Django used 100 000, which is cheap to brute-force today. One check costs roughly 0.1-0.6 s of one core,
     * acceptable for a console login. Older hashes still verify (the count is stored in each hash) and are
     * re-hashed with this count at the next successful login.
     */
    static final int DEFAULT_ITERATIONS = 600_000;

    /** A stored count above this is treated as corrupt rather than spending minutes of CPU on it. */
    static final int MAX_ITERATIONS = 10_000_000;

    /** Longest password accepted for hashing or checking (Django itself capped at 4096 for the same reason). */
    static final int MAX_PASSWORD_LENGTH = 4096;

    private static final Logger log = LoggerFactory.getLogger(DjangoPasswordHasher.class);
    private static final String SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int SALT_LENGTH = 22; // as Django >= 3.x: about 131 bits
    private static final int UNUSABLE_SUFFIX_LENGTH = 40;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    DjangoPasswordHasher(@Value("${loonflow.password-iterations:" + DEFAULT_ITERATIONS + "}") int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalStateException("loonflow.password-iterations must be between 1 and " + MAX_ITERATIONS
                    + ", got " + iterations);
        }
        if (iterations < 100_000) {
            log.warn("loonflow.password-iterations is {}; new password hashes are weak (recommended: {})",
                    iterations, DEFAULT_ITERATIONS);
        }
        this.iterations = iterations;
    }

    int iterations() {
        return iterations;
    }

    /** A new hash of a non-empty password with a fresh salt and the configured iteration count. */
    String hash(String password) {
        return hash(password, randomString(SALT_LENGTH), iterations);
    }

    String hash(String password, String salt, int iterationCount) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("an empty password cannot be hashed; use an unusable password");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        return ALGORITHM + "$" + iterationCount + "$" + salt + "$" + derive(password, salt, iterationCount);
    }

    /** Django's "unusable password": {@code !} and random text; no password ever matches it. */
    String unusable() {
        return "!" + randomString(UNUSABLE_SUFFIX_LENGTH);
    }

    /** Does {@code password} match {@code encoded}? Constant-time comparison of the derived keys. */
    boolean matches(String password, String encoded) {
        Parsed parsed = parse(encoded);
        if (parsed == null || password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            return false;
        }
        String derived = derive(password, parsed.salt(), parsed.iterations());
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.US_ASCII),
                parsed.hash().getBytes(StandardCharsets.US_ASCII));
    }

    /** A usable hash made with fewer iterations than configured (re-hash it after a successful login). */
    boolean needsUpgrade(String encoded) {
        Parsed parsed = parse(encoded);
        return parsed != null && parsed.iterations() < iterations;
    }

    /** Spends the time of one check, so that unknown usernames cannot be told apart by response time. */
    void burnCheckTime(String password) {
        derive(password == null || password.isEmpty() ? "x" : password, "timing-equaliser", iterations);
    }

    private record Parsed(int iterations, String salt, String hash) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.startsWith("!")) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0]) || parts[2].isEmpty() || parts[3].isEmpty()) {
            return null;
        }
        int count;
        try {
            count = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (count < 1 || count > MAX_ITERATIONS) {
            return null;
        }
        return new Parsed(count, parts[2], parts[3]);
    }

    private static String derive(String password, String salt, int iterationCount) {
        // PBEKeySpec turns the characters into UTF-8 bytes, as Django's force_bytes does
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8),
                iterationCount, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private String randomString(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return text.toString();
    }
}
