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
    void driversCheckProfilesAndOptionsWithoutTouchingTheDevices() throws IOException {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve("sites"));
        // Addresses in TEST-NET-1 (RFC 5737): nothing answers there, so a poll would hang until its timeout.
        Files.writeString(dir.resolve("sites/s.yaml"), """
                version: dcsuite/v1
                site:
                  id: s
                  time_zone: UTC
                  devices:
                    - { id: meter, kind: meter, endpoint: "modbus://192.0.2.1", profile: sunspec-meter }
                    - { id: pdu, kind: pdu, endpoint: "snmp://192.0.2.2", profile: no-such-pdu,
                        credentials: { community: public } }
                    - { id: bmc, kind: server, endpoint: "redfish://192.0.2.3", options: { redfish.colour: blue } }
                """);

        CliRun run = CliRun.of("validate", "--config", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).contains("site 's': device 'pdu' (snmp://192.0.2.2:161): unknown snmp profile 'no-such-pdu'")
                .contains("device 'bmc'").contains("redfish.colour");
        assertThat(run.out()).isEmpty();
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
