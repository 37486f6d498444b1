package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void validConfigurationPrintsOneLineSummary() throws IOException {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");

        CliRun run = CliRun.of("validate", "--config", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("configuration OK: " + dir + ": ").endsWith("devices\n")
                .hasLineCount(1);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyProblemIsPrintedOnItsOwnLineWithTheFolder() throws IOException {
        Files.writeString(dir.resolve("dcsuite.yaml"), """
                version: dcsuite/v1
                store:
                  retention:
                    raw: 2weeks
                    minute_rollups: 0s
                """);

        CliRun run = CliRun.of("validate", "--config", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                dir.resolve("dcsuite.yaml") + ":4:10: store.retention.raw: invalid duration '2weeks': use a number "
                        + "and a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m, 1d",
                dir.resolve("dcsuite.yaml") + ":5:21: store.retention.minute_rollups: duration '0s' must be "
                        + "greater than zero");
    }

    @Test
    void missingFolderIsOneClearLine() {
        Path missing = dir.resolve("nope");

        CliRun run = CliRun.of("validate", "--config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("dcsuite validate: configuration folder " + missing
                + " not found (use --config DIR)\n");
    }

    @Test
    void aFileInsteadOfAFolderIsOneClearLine() throws IOException {
        Path file = Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");

        CliRun run = CliRun.of("validate", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("dcsuite validate: " + file
                + " is not a folder: --config takes the folder that holds dcsuite.yaml\n");
    }

    @Test
    void unknownFlagIsAUsageError() {
        CliRun run = CliRun.of("validate", "--konfig=x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("dcsuite: Unknown option: '--konfig=x'\n"
                + "Try 'dcsuite validate --help' for usage.\n");
    }
}
