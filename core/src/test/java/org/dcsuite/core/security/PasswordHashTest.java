package org.dcsuite.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    /** Made independently with Python: hashlib.pbkdf2_hmac('sha256', b'correct horse', b'dcsuite-test-salt', 100000). */
    private static final String FROM_PYTHON =
            "pbkdf2-sha256$100000$ZGNzdWl0ZS10ZXN0LXNhbHQ$iwijgQmZX1HB2h1ApZPbpbO/ro7+ZlVBFw1IwJnBf9E";

    @Test
    void verifiesAHashMadeByAnotherPbkdf2Implementation() {
        PasswordHash hash = PasswordHash.parse(FROM_PYTHON);

        assertThat(hash.matches("correct horse".toCharArray())).isTrue();
        assertThat(hash.matches("correct horse ".toCharArray())).isFalse();
        assertThat(hash.encoded()).isEqualTo(FROM_PYTHON);
    }

    @Test
    void newHashesUseARandomSaltAndTheDefaultIterationsAndNeverShowTheHash() {
        PasswordHash a = PasswordHash.create("s3cret".toCharArray());
        PasswordHash b = PasswordHash.create("s3cret".toCharArray());

        assertThat(a.encoded()).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(b.encoded());
        assertThat(PasswordHash.parse(a.encoded()).matches("s3cret".toCharArray())).isTrue();
        assertThat(a.toString()).isEqualTo("pbkdf2-sha256(600000 iterations)");
    }

    @Test
    void malformedOrWeakHashesAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> PasswordHash.parse("plain-text-password"))
                .hasMessage("not a password hash: expected pbkdf2-sha256$ITERATIONS$SALT$HASH (create one with "
                        + "'dcsuite hash-password')");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$ZGNzdWl0ZS10ZXN0LXNhbHQ$"
                + "iwijgQmZX1HB2h1ApZPbpbO/ro7+ZlVBFw1IwJnBf9E"))
                .hasMessage("password hash: 1000 iterations is too weak; use at least 100000");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$100000$%%%$abc"))
                .hasMessage("password hash: salt and hash must be base64");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$100000$ZGNzdWl0ZS10ZXN0LXNhbHQ$AAAA"))
                .hasMessage("password hash: salt or hash has the wrong length");
    }
}
