package io.loonflow.bpmn.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Vectors computed independently with Python's {@code hashlib.pbkdf2_hmac('sha256', pw.encode(), salt.encode(),
 * iterations, 32)}, base64-encoded, in Django's {@code pbkdf2_sha256$iterations$salt$hash} layout.
 */
class DjangoPasswordHasherTest {

    /** loonflow's seed admin uses 100 000 iterations and a 12-character salt. */
    private static final String LOONFLOW123_100K =
            "pbkdf2_sha256$100000$Xq3Rm8TzLp2W$YtADwZoIQepE1AvBIjH7nqmMqGzPvtGevHu+xgwpQwA=";
    private static final String NON_ASCII_1000 =
            "pbkdf2_sha256$1000$saltSALT1234$CS+nxyyYF90PO0j22pz/m5fyN+v8D1Heu1tFYOxs/yo=";
    private static final String EMPTY_PASSWORD_1000 =
            "pbkdf2_sha256$1000$emptysalt123$H/zeUEn3NyBDb6ao/brsT+RLvy0piCE8KClNR/m0w9U=";
    private static final String PW_123456_2 =
            "pbkdf2_sha256$2$resetSalt987$aQqUslX37dGi5K1AJ5gZPgL0LvZsznoKTcO4lL0wdF8=";

    private final DjangoPasswordHasher hasher = new DjangoPasswordHasher(1000);

    @Test
    void verifiesDjangoHashWith100000Iterations() {
        assertThat(hasher.matches("loonflow123", LOONFLOW123_100K)).isTrue();
        assertThat(hasher.matches("loonflow124", LOONFLOW123_100K)).isFalse();
        assertThat(hasher.matches("Loonflow123", LOONFLOW123_100K)).isFalse();
    }

    @Test
    void verifiesNonAsciiPasswordsAsUtf8() {
        assertThat(hasher.matches("密码 pässwörd", NON_ASCII_1000)).isTrue();
        assertThat(hasher.matches("密码 passwörd", NON_ASCII_1000)).isFalse();
    }

    @Test
    void producesTheSameTextAsDjangoForAGivenSalt() {
        assertThat(hasher.hash("123456", "resetSalt987", 2)).isEqualTo(PW_123456_2);
        assertThat(hasher.hash("loonflow123", "Xq3Rm8TzLp2W", 100_000)).isEqualTo(LOONFLOW123_100K);
    }

    @Test
    void aGenuineHashOfTheEmptyPasswordNeverMatches() {
        // loonflow created console users with a hash of "" (its bug 4); such accounts must not open with ""
        assertThat(hasher.matches("", EMPTY_PASSWORD_1000)).isFalse();
        assertThat(hasher.matches(null, EMPTY_PASSWORD_1000)).isFalse();
    }

    @Test
    void unusableEmptyAndForeignHashesNeverMatch() {
        assertThat(hasher.matches("x", "")).isFalse();
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("!abc", "!abc")).isFalse();
        assertThat(hasher.matches("loonflow123", "!" + LOONFLOW123_100K)).isFalse();
        assertThat(hasher.matches("loonflow123", LOONFLOW123_100K.replace("pbkdf2_sha256", "pbkdf2_sha1"))).isFalse();
        assertThat(hasher.matches("loonflow123", "pbkdf2_sha256$100000$Xq3Rm8TzLp2W")).isFalse();
        assertThat(hasher.matches("loonflow123", "pbkdf2_sha256$abc$Xq3Rm8TzLp2W$x")).isFalse();
        assertThat(hasher.matches("loonflow123", "pbkdf2_sha256$0$Xq3Rm8TzLp2W$x")).isFalse();
        assertThat(hasher.matches("loonflow123", "pbkdf2_sha256$999999999$Xq3Rm8TzLp2W$x")).isFalse();
        assertThat(hasher.matches("loonflow123", "loonflow123")).isFalse();
    }

    @Test
    void newHashesUseTheConfiguredIterationsAndAFreshSalt() {
        String first = hasher.hash("s3cret");
        String second = hasher.hash("s3cret");
        assertThat(first).startsWith("pbkdf2_sha256$1000$").isNotEqualTo(second);
        assertThat(first.split("\\$")[2]).hasSize(22).matches("[A-Za-z0-9]+");
        assertThat(first.length()).isLessThanOrEqualTo(128); // the password column
        assertThat(hasher.matches("s3cret", first)).isTrue();
        assertThat(hasher.matches("s3cret", second)).isTrue();
        assertThat(hasher.matches("s3cret ", first)).isFalse();
    }

    @Test
    void unusablePasswordsAreRandomAndMarked() {
        String unusable = hasher.unusable();
        assertThat(unusable).startsWith("!").hasSize(41).isNotEqualTo(hasher.unusable());
        assertThat(hasher.matches(unusable.substring(1), unusable)).isFalse();
    }

    @Test
    void hashesBelowTheConfiguredCountNeedAnUpgrade() {
        assertThat(new DjangoPasswordHasher(600_000).needsUpgrade(LOONFLOW123_100K)).isTrue();
        assertThat(new DjangoPasswordHasher(100_000).needsUpgrade(LOONFLOW123_100K)).isFalse();
        assertThat(hasher.needsUpgrade("!unusable")).isFalse();
        assertThat(hasher.needsUpgrade("")).isFalse();
    }

    @Test
    void emptyPasswordsCannotBeHashedAndBadConfigurationIsRefused() {
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DjangoPasswordHasher(0)).isInstanceOf(IllegalStateException.class);
        assertThat(new DjangoPasswordHasher(DjangoPasswordHasher.DEFAULT_ITERATIONS).iterations()).isEqualTo(600_000);
    }

    @Test
    void overlongPasswordsNeverMatch() {
        String longPassword = "a".repeat(DjangoPasswordHasher.MAX_PASSWORD_LENGTH + 1);
        assertThatThrownBy(() -> hasher.hash(longPassword)).isInstanceOf(IllegalArgumentException.class);
        String atLimit = longPassword.substring(1);
        String hash = hasher.hash(atLimit);
        assertThat(hasher.matches(atLimit, hash)).isTrue();
        assertThat(hasher.matches(longPassword, hash)).isFalse();
    }
}
