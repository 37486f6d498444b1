package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.AUTH_FAILURE;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.DOWN;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.GARBAGE;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.SERVER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.value;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.dcsuite.core.config.Secret;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.redfish.RedfishDriver;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wire faults as the driver sees them, and their end. */
class SimRedfishFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final SimRedfishFixtures.SettableFaults faults = new SimRedfishFixtures.SettableFaults();
    private SimRedfishServer bmc;

    private SimRedfishServer start(Duration downHoldLimit) {
        bmc = SimRedfishServer.builder(SERVER, SimRedfishFixtures::server, new SimRedfishFixtures.RecordingControls())
                .credentials(USER, Secret.of(PASSWORD))
                .faults(faults)
                .downHoldLimit(downHoldLimit)
                .start();
        return bmc;
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private DeviceSession open() {
        return new RedfishDriver().open(SimRedfishFixtures.target(bmc, Map.of(),
                SimRedfishFixtures.credentials(USER, PASSWORD), TIMEOUT));
    }

    private static DriverErrorKind failure(DeviceSession s) {
        try {
            s.poll();
        } catch (DriverException e) {
            return e.kind();
        }
        throw new AssertionError("the poll should have failed");
    }

    private static void readsAgain(DeviceSession s) {
        PollResult r = s.poll();
        assertThat(r.errors()).isEmpty();
        assertThat(value(r, "hw.host.power", "Chassis/1")).isEqualTo(SimRedfishFixtures.server().inputPowerW());
    }

    @Test
    void downIsATimeoutWithinTheDriversBound() {
        start(SimRedfishServer.DOWN_HOLD_LIMIT);
        try (DeviceSession s = open()) {
            readsAgain(s);
            faults.set(SERVER, DOWN);
            long t0 = System.nanoTime();
            assertThat(failure(s)).isEqualTo(DriverErrorKind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.multipliedBy(3));
            faults.clear(SERVER);
            readsAgain(s);
        }
    }

    @Test
    void aHeldRequestIsDroppedAtTheHoldLimit() throws Exception {
        start(Duration.ofMillis(300));
        faults.set(SERVER, DOWN);
        HttpClient client = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        // A patient client is not answered: the connection closes unanswered once the hold ends.
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(bmc.baseUri() + "/redfish/v1/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void authFailureIsAnAuthErrorEvenForALiveSession() {
        start(SimRedfishServer.DOWN_HOLD_LIMIT);
        try (DeviceSession s = open()) {
            readsAgain(s);
            faults.set(SERVER, AUTH_FAILURE);
            assertThat(failure(s)).isEqualTo(DriverErrorKind.AUTH);
            faults.clear(SERVER);
            readsAgain(s);
        }
        try (DeviceSession s = open()) {
            faults.set(SERVER, AUTH_FAILURE);
            assertThat(failure(s)).isEqualTo(DriverErrorKind.AUTH);
            faults.clear(SERVER);
            readsAgain(s);
        }
    }

    @Test
    void garbageFailsThePollAsProtocol() {
        start(SimRedfishServer.DOWN_HOLD_LIMIT);
        try (DeviceSession s = open()) {
            readsAgain(s);
            faults.set(SERVER, GARBAGE);
            // The service root itself is garbage, so the poll fails as a whole rather than with point errors.
            assertThatThrownBy(s::poll).isInstanceOfSatisfying(DriverException.class, e -> {
                assertThat(e.kind()).isEqualTo(DriverErrorKind.PROTOCOL);
                assertThat(e.getMessage()).contains("GET /redfish/v1/", "invalid JSON");
            });
            faults.clear(SERVER);
            readsAgain(s);
        }
    }

    @Test
    void latencyDelaysEveryAnswer() {
        start(SimRedfishServer.DOWN_HOLD_LIMIT);
        try (DeviceSession s = open()) {
            readsAgain(s);
            faults.set(SERVER, new ProtocolFaults.Active(false, Duration.ofMillis(150), false, false));
            long t0 = System.nanoTime();
            readsAgain(s);
            // A poll is several requests, each delayed.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(300));
            faults.set(SERVER, new ProtocolFaults.Active(false, TIMEOUT.multipliedBy(2), false, false));
            assertThat(failure(s)).isEqualTo(DriverErrorKind.TIMEOUT);
            faults.clear(SERVER);
            readsAgain(s);
        }
    }

    @Test
    void faultsOfOtherDevicesDoNotApply() {
        start(SimRedfishServer.DOWN_HOLD_LIMIT);
        faults.set("another-server", DOWN);
        try (DeviceSession s = open()) {
            readsAgain(s);
        }
    }
}
