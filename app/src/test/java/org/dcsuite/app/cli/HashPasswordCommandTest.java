package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.dcsuite.core.security.PasswordHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashPasswordCommandTest {

    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private static CliRun withStdin(String text) {
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return CliRun.of("hash-password", "--stdin");
    }

    @Test
    void printsAHashThatVerifiesThePasswordReadFromStandardInput() {
        CliRun run = withStdin("demo-password-1\nignored second line\n");

        assertThat(run.exitCode()).isZero();
        String hash = run.out().strip();
        assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("demo-password-1");
        assertThat(PasswordHash.parse(hash).matches("demo-password-1".toCharArray())).isTrue();
    }

    @Test
    void shortOrMissingPasswordsAreUsageErrors() {
        CliRun tooShort = withStdin("short\n");
        assertThat(tooShort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooShort.err()).isEqualTo("dcsuite hash-password: the password must have at least 8 characters\n");

        CliRun none = withStdin("");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("no password given");
    }
}
