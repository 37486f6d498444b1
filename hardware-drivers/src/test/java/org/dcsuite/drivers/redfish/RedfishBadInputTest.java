package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broken peers: each gives a clear error naming device and protocol, never hangs past the timeout, and the
 * same session polls fine once the peer behaves.
 */
class RedfishBadInputTest {

    /** A generous bound for "did not hang": the requests themselves time out after 500 ms. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final String ROOT = "/redfish/v1/";

    private RedfishTestServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = RedfishTestServer.http(RedfishTestServer.mockup());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private DeviceSession open(Map<String, String> options) {
        return new RedfishDriver().open(server.target("redfish", options, Credentials.NONE,
                Duration.ofMillis(500), 1));
    }

    private void assertDeviceError(DeviceSession s, DriverErrorKind kind, String text) {
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(s::poll)
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).startsWith("device 'srv-1' (redfish://127.0.0.1:" + server.port() + ")")
                            .contains(text);
                }));
    }

    private static HttpHandler raw(int status, String body) {
        return ex -> RedfishTestServer.send(ex, status, body);
    }

    @Test
    void truncatedJsonThenRecovery() {
        server.overrides.put(ROOT, raw(200, "{\"Chassis\": {\"@odata.id\": \"/redf"));
        try (DeviceSession s = open(Map.of())) {
            assertDeviceError(s, DriverErrorKind.PROTOCOL, "invalid JSON");
            server.overrides.clear();
            assertThat(s.poll().readings()).isNotEmpty();
        }
    }

    @Test
    void invalidJsonInOneResourceIsAPointError() {
        server.overrides.put("/redfish/v1/Chassis/1U/EnvironmentMetrics", raw(200, "<html>oops</html>"));
        try (DeviceSession s = open(Map.of())) {
            PollResult r = s.poll();
            assertThat(r.errors()).anyMatch(e -> e.point().equals("/redfish/v1/Chassis/1U/EnvironmentMetrics")
                    && e.kind() == DriverErrorKind.PROTOCOL && e.message().contains("invalid JSON"));
            assertThat(RedfishMockupTest.find(r, "hw.temperature", "Chassis/1U/Sensors/AmbientTemp")).isPresent();
        }
    }

    @Test
    void wrongJsonTypeIsADecodePointError() {
        server.overrides.put("/redfish/v1/Chassis/1U/Sensors/AmbientTemp", raw(200,
                "{\"@odata.id\":\"/redfish/v1/Chassis/1U/Sensors/AmbientTemp\",\"Id\":\"AmbientTemp\","
                        + "\"Name\":\"Ambient\",\"ReadingType\":\"Temperature\",\"Reading\":\"hot\"}"));
        server.honourExpand = false;
        try (DeviceSession s = open(Map.of())) {
            PollResult r = s.poll();
            assertThat(r.errors()).anyMatch(e -> e.point().equals("Chassis/1U/Sensors/AmbientTemp")
                    && e.kind() == DriverErrorKind.DECODE && e.message().contains("should be a number"));
            assertThat(RedfishMockupTest.find(r, "hw.temperature", "Chassis/1U/Sensors/IntakeTemp")).isPresent();
        }
    }

    @Test
    void missingMemberIsAPointError() {
        server.overrides.put("/redfish/v1/Chassis/1U/Sensors/AmbientTemp", raw(404, "{}"));
        server.honourExpand = false;
        try (DeviceSession s = open(Map.of())) {
            PollResult r = s.poll();
            assertThat(r.errors()).anyMatch(e -> e.point().equals("/redfish/v1/Chassis/1U/Sensors/AmbientTemp")
                    && e.message().contains("HTTP 404"));
            assertThat(r.readings()).isNotEmpty();
        }
    }

    @Test
    void redirectLoopIsAProtocolError() {
        server.overrides.put(ROOT, ex -> {
            ex.getResponseHeaders().add("Location", ROOT);
            ex.sendResponseHeaders(302, -1);
        });
        try (DeviceSession s = open(Map.of())) {
            assertDeviceError(s, DriverErrorKind.PROTOCOL, "redirect loop");
        }
    }

    @Test
    void hugeBodiesAreRefused() {
        server.overrides.put(ROOT, ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedByClient) {
                // The driver stops reading at its limit.
            }
        });
        try (DeviceSession s = open(Map.of("redfish.max_body_bytes", "100000"))) {
            assertDeviceError(s, DriverErrorKind.PROTOCOL, "larger than 100000 bytes");
        }
        // A declared length over the limit is refused before any of the body is read.
        server.overrides.put(ROOT, ex -> {
            ex.sendResponseHeaders(200, 64L * 1024 * 1024);
            ex.getResponseBody().write('{');
            ex.getResponseBody().flush();
        });
        try (DeviceSession s = open(Map.of())) {
            assertDeviceError(s, DriverErrorKind.PROTOCOL, "larger than 16777216 bytes");
        }
    }

    @Test
    void peerThatStallsAfterHeadersTimesOut() {
        AtomicInteger calls = new AtomicInteger();
        server.overrides.put(ROOT, ex -> {
            calls.incrementAndGet();
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"Id\":".getBytes());
            ex.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (DeviceSession s = open(Map.of())) {
            assertDeviceError(s, DriverErrorKind.TIMEOUT, "within 500 ms");
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void connectionRefused() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        DeviceTarget target = new DeviceTarget("srv-1", Endpoint.parse("redfish://127.0.0.1:" + port),
                java.util.Optional.empty(), Credentials.NONE, Duration.ofMillis(500), 1, Map.of(),
                RedfishTestServer.CLOCK);
        try (DeviceSession s = new RedfishDriver().open(target)) {
            assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(s::poll)
                    .isInstanceOfSatisfying(DriverException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DriverErrorKind.REFUSED);
                        assertThat(e.getMessage()).startsWith("device 'srv-1' (redfish://127.0.0.1:" + port + ")");
                    }));
        }
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        AtomicInteger calls = new AtomicInteger();
        server.overrides.put(ROOT, ex -> {
            calls.incrementAndGet();
            RedfishTestServer.send(ex, 503, "{\"error\":{\"@Message.ExtendedInfo\":[{\"Message\":\"BMC busy\"}]}}");
        });
        try (DeviceSession s = open(Map.of())) {
            assertDeviceError(s, DriverErrorKind.PROTOCOL, "HTTP 503: BMC busy (after 2 attempts)");
            assertThat(calls).hasValue(2);
            server.overrides.clear();
            assertThat(s.poll().readings()).isNotEmpty();
        }
    }
}
