package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.SERVER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.state.ServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BMC read by an independent client, curl, so that the front end and the dcsuite driver cannot agree on a
 * mistake. Skipped with a notice when curl is missing, except under CI=true where that is a failure.
 */
class SimRedfishCurlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerState STATE = SimRedfishFixtures.server();
    private static final SimRedfishFixtures.RecordingControls CONTROLS = new SimRedfishFixtures.RecordingControls();
    private static SimRedfishServer bmc;
    private static SimRedfishServer tlsBmc;
    private static SimRedfishTls tls;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        boolean curl = curlAvailable();
        if (!curl && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("curl is required under CI=true: install it in the build image");
        }
        if (!curl) {
            System.err.println("*** SimRedfishCurlIT SKIPPED: curl not found on PATH; install curl to run it ***");
        }
        Assumptions.assumeTrue(curl, "curl not found on PATH");
        bmc = SimRedfishServer.builder(SERVER, () -> STATE, CONTROLS).credentials(USER, Secret.of(PASSWORD)).start();
        tls = SimRedfishTls.selfSigned();
        tlsBmc = SimRedfishServer.builder(SERVER, () -> STATE, CONTROLS).credentials(USER, Secret.of(PASSWORD))
                .tls(tls.sslContext()).start();
    }

    @AfterAll
    static void stop() {
        if (bmc != null) {
            bmc.close();
            tlsBmc.close();
        }
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Status line and body of one curl call; the user and password go through stdin, not the command line. */
    private record Result(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Result curl(SimRedfishServer server, boolean auth, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-K", "-",
                "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream config = p.getOutputStream()) {
            if (auth) {
                config.write(("user = \"" + USER + ":" + PASSWORD + "\"\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("curl exit status for %s", server.baseUri()).isZero();
        int cut = out.lastIndexOf('\n');
        return new Result(Integer.parseInt(out.substring(cut + 1).trim()), out.substring(0, cut));
    }

    @Test
    void serviceRootIsPublic() throws Exception {
        Result root = curl(bmc, false, bmc.baseUri() + "/redfish/v1/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().path("Chassis").path("@odata.id").asText()).isEqualTo("/redfish/v1/Chassis");
        assertThat(root.json().path("RedfishVersion").asText()).isNotEmpty();
    }

    @Test
    void powerAndEnvironmentMetricsWithBasicAuth() throws Exception {
        JsonNode power = curl(bmc, true, bmc.baseUri() + "/redfish/v1/Chassis/1/Power").json();
        assertThat(power.at("/PowerControl/0/PowerConsumedWatts").asDouble()).isEqualTo(STATE.inputPowerW());
        for (int i = 0; i < STATE.psus().size(); i++) {
            ServerState.Psu psu = STATE.psus().get(i);
            JsonNode p = power.path("PowerSupplies").get(i);
            assertThat(p.path("MemberId").asText()).isEqualTo(psu.id());
            assertThat(p.path("PowerInputWatts").asDouble()).isEqualTo(psu.inputW());
            assertThat(p.path("PowerOutputWatts").asDouble()).isEqualTo(psu.outputW());
            assertThat(p.path("LineInputVoltage").asDouble()).isEqualTo(psu.inputVoltageV());
        }
        JsonNode env = curl(bmc, true, bmc.baseUri() + "/redfish/v1/Chassis/1/EnvironmentMetrics").json();
        assertThat(env.at("/PowerWatts/Reading").asDouble()).isEqualTo(STATE.inputPowerW());
        assertThat(env.at("/TemperatureCelsius/Reading").asDouble()).isEqualTo(STATE.inletC());
        assertThat(curl(bmc, false, bmc.baseUri() + "/redfish/v1/Chassis/1/Power").status()).isEqualTo(401);
    }

    @Test
    void resetIsPosted() throws Exception {
        Result r = curl(bmc, true, "-X", "POST", "-H", "Content-Type: application/json", "-d",
                "{\"ResetType\":\"ForceRestart\"}", bmc.baseUri() + "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset");
        assertThat(r.status()).isEqualTo(204);
        assertThat(CONTROLS.resets).contains(SERVER + " FORCE_RESTART");
        Result bad = curl(bmc, true, "-X", "POST", "-H", "Content-Type: application/json", "-d",
                "{\"ResetType\":\"Sideways\"}", bmc.baseUri() + "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText())
                .isEqualTo("Base.1.5.PropertyValueNotInList");
    }

    @Test
    void httpsWithTheSelfSignedCertificate() throws Exception {
        Path ca = Files.writeString(dir.resolve("bmc.pem"), tls.pem());
        JsonNode system = curl(tlsBmc, true, "--cacert", ca.toString(), tlsBmc.baseUri() + "/redfish/v1/Systems/1")
                .json();
        assertThat(system.path("PowerState").asText()).isEqualTo("On");
        assertThat(system.at("/Status/Health").asText()).isEqualTo("Warning");
    }
}
