package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.SERVER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.value;

import java.util.Map;
import org.dcsuite.core.config.Secret;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.redfish.RedfishDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The BMC over HTTPS with its self-signed certificate, read by the driver as a real BMC would be. */
class SimRedfishTlsTest {

    private static SimRedfishTls tls;
    private static SimRedfishServer bmc;

    @BeforeAll
    static void start() {
        tls = SimRedfishTls.selfSigned();
        bmc = SimRedfishServer.builder(SERVER, SimRedfishFixtures::server, new SimRedfishFixtures.RecordingControls())
                .credentials(USER, Secret.of(PASSWORD))
                .tls(tls.sslContext())
                .start();
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    private static PollResult poll(Map<String, String> options) {
        try (DeviceSession s = new RedfishDriver().open(SimRedfishFixtures.target(bmc, options))) {
            return s.poll();
        }
    }

    @Test
    void pinnedCertificateIsRead() {
        assertThat(bmc.endpoint()).startsWith("https://127.0.0.1:");
        PollResult r = poll(Map.of("redfish.pin_sha256", tls.sha256Fingerprint()));
        assertThat(value(r, "hw.host.power", "Chassis/1")).isEqualTo(SimRedfishFixtures.server().inputPowerW());
        assertThat(bmc.activeSessions()).isZero();
    }

    @Test
    void untrustedCertificateIsAnAuthError() {
        assertThatThrownBy(() -> poll(Map.of())).isInstanceOfSatisfying(DriverException.class,
                e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.AUTH));
    }
}
