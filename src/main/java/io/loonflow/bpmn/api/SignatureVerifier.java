package io.loonflow.bpmn.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * loonflow's request signature: lowercase hex md5(timestamp + token), valid for 120 seconds either side of now.
 * The comparison is constant-time so that response timing reveals nothing about the expected value.
 */
public final class SignatureVerifier {

    public static final long WINDOW_SECONDS = 120;

    public enum Result { VALID, INVALID, EXPIRED, BAD_TIMESTAMP }

    private SignatureVerifier() {
    }

    public static String sign(String timestamp, String token) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    public static Result verify(String timestamp, String signature, String token, Clock clock) {
        String ts = timestamp == null ? "" : timestamp;
        byte[] expected = sign(ts, token).getBytes(StandardCharsets.US_ASCII);
        byte[] given = (signature == null ? "" : signature).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Result.INVALID;
        }
        long seconds;
        try {
            seconds = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            return Result.BAD_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        return Math.abs(now - seconds) > WINDOW_SECONDS ? Result.EXPIRED : Result.VALID;
    }
}
