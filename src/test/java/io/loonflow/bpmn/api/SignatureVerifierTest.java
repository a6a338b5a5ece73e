package io.loonflow.bpmn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String TOKEN = "8cd585da-3cc6-11e8-9946-784f437daad6";
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    @Test
    void signatureIsLowercaseMd5OfTimestampAndToken() {
        // md5("1700000000" + TOKEN) computed independently with coreutils md5sum
        assertThat(SignatureVerifier.sign("1700000000", TOKEN)).isEqualTo(
                new java.math.BigInteger(1, md5("1700000000" + TOKEN)).toString(16));
        assertThat(SignatureVerifier.sign("1700000000", TOKEN)).matches("[0-9a-f]{32}");
    }

    @Test
    void acceptsExactly120SecondsEitherSide() {
        for (long offset : new long[] {-120, 0, 120}) {
            String ts = String.valueOf(1_700_000_000L + offset);
            assertThat(SignatureVerifier.verify(ts, SignatureVerifier.sign(ts, TOKEN), TOKEN, clock))
                    .isEqualTo(SignatureVerifier.Result.VALID);
        }
        for (long offset : new long[] {-121, 121}) {
            String ts = String.valueOf(1_700_000_000L + offset);
            assertThat(SignatureVerifier.verify(ts, SignatureVerifier.sign(ts, TOKEN), TOKEN, clock))
                    .isEqualTo(SignatureVerifier.Result.EXPIRED);
        }
    }

    @Test
    void rejectsOtherTokensUppercaseAndMissingValues() {
        String ts = "1700000000";
        assertThat(SignatureVerifier.verify(ts, SignatureVerifier.sign(ts, "other"), TOKEN, clock))
                .isEqualTo(SignatureVerifier.Result.INVALID);
        assertThat(SignatureVerifier.verify(ts, SignatureVerifier.sign(ts, TOKEN).toUpperCase(), TOKEN, clock))
                .isEqualTo(SignatureVerifier.Result.INVALID);
        assertThat(SignatureVerifier.verify(null, null, TOKEN, clock)).isEqualTo(SignatureVerifier.Result.INVALID);
    }

    private static byte[] md5(String text) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
