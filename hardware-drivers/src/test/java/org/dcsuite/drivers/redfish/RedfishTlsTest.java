package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mockup over HTTPS with a self-signed certificate: each trust choice, and none. */
class RedfishTlsTest {

    @TempDir
    static Path dir;
    private static RedfishTestServer.SelfSigned cert;
    private static RedfishTestServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = new RedfishTestServer.SelfSigned(dir);
        server = RedfishTestServer.https(cert.serverContext(), RedfishTestServer.mockup());
        server.requireAuth = true;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private PollResult poll(Map<String, String> options) {
        try (DeviceSession s = new RedfishDriver().open(server.target("https", options))) {
            return s.poll();
        }
    }

    @Test
    void pinnedCertificateIsTrusted() throws Exception {
        PollResult r = poll(Map.of("redfish.pin_sha256", cert.fingerprint()));
        assertThat(RedfishMockupTest.value(r, "hw.host.power", "Chassis/1U")).isEqualTo(
                server.resource("/redfish/v1/Chassis/1U/EnvironmentMetrics").at("/PowerWatts/Reading").asDouble());
        assertThat(poll(Map.of("redfish.pin_sha256", cert.fingerprint().replace(":", "").toLowerCase()))
                .readings()).isNotEmpty();
    }

    @Test
    void wrongPinIsAnAuthError() {
        String wrong = "AA:".repeat(31) + "AA";
        assertThatThrownBy(() -> poll(Map.of("redfish.pin_sha256", wrong)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DriverErrorKind.AUTH);
                    assertThat(e.getMessage()).startsWith("device 'srv-1' (https://127.0.0.1:")
                            .contains("TLS handshake failed");
                });
    }

    @Test
    void caFileIsTrustedWithHostnameChecked() {
        assertThat(poll(Map.of("redfish.ca_file", cert.pem.toString())).readings()).isNotEmpty();
    }

    @Test
    void insecureSwitchSkipsVerification() {
        assertThat(poll(Map.of("redfish.insecure", "true")).readings()).isNotEmpty();
    }

    @Test
    void selfSignedWithoutTrustChoiceIsAClearAuthError() {
        assertThatThrownBy(() -> poll(Map.of())).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.kind()).isEqualTo(DriverErrorKind.AUTH);
            assertThat(e.getMessage()).contains("https://127.0.0.1", "redfish.ca_file", "redfish.pin_sha256",
                    "redfish.insecure");
        });
    }

    @Test
    void conflictingOrMalformedTlsOptionsAreConfigErrors() {
        assertThatThrownBy(() -> new RedfishDriver().open(server.target("https", Map.of("redfish.insecure", "true",
                "redfish.ca_file", cert.pem.toString())))).isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG));
        assertThatThrownBy(() -> new RedfishDriver().open(server.target("https", Map.of("redfish.pin_sha256",
                "not-hex")))).isInstanceOfSatisfying(DriverException.class,
                        e -> assertThat(e.getMessage()).contains("redfish.pin_sha256"));
    }
}
