package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    @Test
    void anOtlpEndpointThatIsNotHttpIsAUsageError() {
        CliRun run = CliRun.of("simulate", "--otlp-endpoint", "grpc://127.0.0.1:4317");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("dcsuite simulate: --otlp-endpoint: an http:// or https:// URL such as "
                + "http://127.0.0.1:4318/v1/traces, got grpc://127.0.0.1:4317\n");
    }
}
