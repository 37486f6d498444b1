package org.dcsuite.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.drivers.redfish.RedfishTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcsuite probe} from the built jar against the DMTF Redfish mockup and against nothing at all. */
class ProbeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void probePrintsOneJsonReadingPerLineFromTheMockup() throws Exception {
        Path mockup = RedfishTestServer.mockup();
        double chassisWatts = JSON.readTree(mockup.resolve("Chassis/1U/EnvironmentMetrics/index.json").toFile())
                .path("PowerWatts").path("Reading").asDouble();
        try (RedfishTestServer server = RedfishTestServer.http(mockup)) {
            DcsuiteProcess.Result r = DcsuiteProcess.run(work, TIMEOUT, "probe", "redfish://127.0.0.1:" + server.port(),
                    "--device", "bmc-1");
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<JsonNode> readings = new ArrayList<>();
            for (String line : r.stdout()) {
                JsonNode n = JSON.readTree(line);
                assertThat(n.fieldNames()).toIterable().containsExactly("metric", "unit", "value", "attributes", "device", "time");
                assertThat(n.path("device").asText()).isEqualTo("bmc-1");
                readings.add(n);
            }
            assertThat(readings).anySatisfy(n -> {
                assertThat(n.path("metric").asText()).isEqualTo("hw.host.power");
                assertThat(n.path("unit").asText()).isEqualTo("W");
                assertThat(n.path("value").asDouble()).isEqualTo(chassisWatts);
            });
            assertThat(readings).anySatisfy(n -> assertThat(n.path("unit").asText()).isEqualTo("Cel"));
        }
    }

    @Test
    void anUnreachableDeviceIsOneLineAndExitCodeOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, TIMEOUT, "probe", "modbus://127.0.0.1:" + closedPort + "?unit=1",
                "--profile", "generic-crac", "--timeout", "1s", "--retries", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).hasSize(1);
        assertThat(r.err()).contains("modbus").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownProfileNamesTheKnownOnes() throws Exception {
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, TIMEOUT, "probe", "snmp://127.0.0.1:1161", "--community", "public",
                "--profile", "no-such-pdu");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-pdu").contains("raritan-pdu2");
    }

    @Test
    void flagsForAnotherProtocolAreAUsageError() throws Exception {
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, TIMEOUT, "probe", "modbus://127.0.0.1:502", "--community", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--community").contains("snmp://");
    }
}
