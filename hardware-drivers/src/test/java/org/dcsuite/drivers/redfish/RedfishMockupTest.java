package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver against the DMTF public-rackmount1 mockup over plain HTTP; expected values come from its files. */
class RedfishMockupTest {

    private RedfishTestServer server;

    @BeforeEach
    void start() throws IOException {
        server = RedfishTestServer.http(RedfishTestServer.mockup());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PollResult poll(Map<String, String> options) {
        try (DeviceSession s = new RedfishDriver().open(server.target("redfish", options))) {
            return s.poll();
        }
    }

    static Optional<Reading> find(PollResult r, String metric, String id) {
        return r.readings().stream().filter(x -> x.metric().equals(metric) && id.equals(x.attributes().get("hw.id")))
                .findFirst();
    }

    static double value(PollResult r, String metric, String id) {
        return find(r, metric, id).orElseThrow(() -> new AssertionError("no " + metric + " for " + id + " in "
                + r.readings())).value();
    }

    @Test
    void serviceLoaderFindsTheDriverForRedfishAndHttps() {
        assertThat(DeviceDrivers.forProtocol(Protocol.REDFISH)).isInstanceOf(RedfishDriver.class);
        assertThat(DeviceDrivers.forProtocol(Protocol.HTTPS)).isInstanceOf(RedfishDriver.class);
        assertThat(new RedfishDriver().profileNames()).containsExactly("redfish-generic");
    }

    @Test
    void legacyPowerAndThermalMatchTheMockupFiles() throws IOException {
        server.requireAuth = true;
        PollResult r = poll(Map.of("redfish.schema", "legacy"));
        JsonNode power = server.resource("/redfish/v1/Chassis/1U/Power");
        JsonNode thermal = server.resource("/redfish/v1/Chassis/1U/Thermal");

        assertThat(value(r, "hw.host.power", "Chassis/1U/Power/PowerControl/0"))
                .isEqualTo(power.at("/PowerControl/0/PowerConsumedWatts").asDouble());
        for (JsonNode v : power.get("Voltages")) {
            assertThat(value(r, "hw.voltage", "Chassis/1U/Power/Voltages/" + v.get("MemberId").asText()))
                    .isEqualTo(v.get("ReadingVolts").asDouble());
        }
        for (JsonNode t : thermal.get("Temperatures")) {
            String id = "Chassis/1U/Thermal/Temperatures/" + t.get("MemberId").asText();
            if (t.has("ReadingCelsius")) {
                assertThat(value(r, "hw.temperature", id)).isEqualTo(t.get("ReadingCelsius").asDouble());
                assertThat(find(r, "hw.temperature", id).get().attributes())
                        .containsEntry("hw.type", "temperature").containsEntry("hw.name", t.get("Name").asText())
                        .containsEntry("hw.parent", "Chassis/1U");
            } else {
                // CPU2 Temp is Disabled in the mockup: skipped and reported, not fatal.
                assertThat(r.errors()).anyMatch(e -> e.point().equals(id) && e.kind() == DriverErrorKind.UNSUPPORTED
                        && e.message().contains("Disabled"));
            }
        }
        for (JsonNode f : thermal.get("Fans")) {
            assertThat(f.get("ReadingUnits").asText()).isEqualTo("RPM");
            Reading fan = find(r, "hw.fan.speed", "Chassis/1U/Thermal/Fans/" + f.get("MemberId").asText()).orElseThrow();
            assertThat(fan.value()).isEqualTo(f.get("Reading").asDouble());
            assertThat(fan.unit().code()).isEqualTo("{rpm}");
        }
        // The PSU's Health Warning becomes hw.status{hw.state=degraded} = 1.
        assertThat(r.readings()).anyMatch(x -> x.metric().equals("hw.status")
                && x.attributes().get("hw.id").equals("Chassis/1U/Power/PowerSupplies/0")
                && x.attributes().get("hw.state").equals("degraded") && x.value() == 1);
        assertThat(r.readings()).noneMatch(x -> x.attributes().get("hw.id").startsWith("Chassis/1U/Sensors/"));
    }

    @Test
    void newerGenerationSensorsMatchTheMockupFiles() throws IOException {
        PollResult r = poll(Map.of());
        int checked = 0;
        // The collection's members, not the folders: the mockup has a sensor folder (CPU1Power) it does not list.
        for (JsonNode member : server.resource("/redfish/v1/Chassis/1U/Sensors").get("Members")) {
            JsonNode s = server.resource(member.get("@odata.id").asText());
            String id = "Chassis/1U/Sensors/" + s.get("Id").asText();
            String type = s.path("ReadingType").asText(s.path("ReadingUnits").asText().equals("Cel")
                    ? "Temperature" : "");
            boolean enabled = s.path("Status").path("State").asText("Enabled").equals("Enabled");
            if (!enabled) {
                assertThat(r.errors()).extracting(PointError::point).contains(id);
                continue;
            }
            if (!s.path("Reading").isNumber()) {
                continue;
            }
            double reading = s.get("Reading").asDouble();
            switch (type) {
                case "Temperature" -> assertThat(value(r, "hw.temperature", id)).isEqualTo(reading);
                case "Power" -> assertThat(value(r, "hw.power", id)).isEqualTo(reading);
                case "Voltage" -> assertThat(value(r, "hw.voltage", id)).isEqualTo(reading);
                case "Current" -> assertThat(value(r, "hw.current", id)).isEqualTo(reading);
                case "EnergykWh" -> {
                    Reading e = find(r, "hw.energy", id).orElseThrow();
                    assertThat(e.value()).isEqualTo(reading * 3_600_000);
                    assertThat(e.kind().name()).isEqualTo("COUNTER");
                }
                default -> {
                    if (s.has("SpeedRPM")) {
                        assertThat(value(r, "hw.fan.speed", id)).isEqualTo(s.get("SpeedRPM").asDouble());
                        assertThat(value(r, "hw.fan.speed_ratio", id)).isEqualTo(reading / 100);
                    } else {
                        continue;
                    }
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        JsonNode env = server.resource("/redfish/v1/Chassis/1U/EnvironmentMetrics");
        assertThat(value(r, "hw.host.power", "Chassis/1U")).isEqualTo(env.at("/PowerWatts/Reading").asDouble());
        // Bay2 is Absent: a point error; Bay1's predicted failure is a degraded status.
        assertThat(r.errors()).anyMatch(e -> e.point().equals("Chassis/1U/PowerSubsystem/PowerSupplies/Bay2")
                && e.message().contains("Absent"));
        assertThat(r.readings()).anyMatch(x -> x.metric().equals("hw.status")
                && x.attributes().get("hw.id").equals("Chassis/1U/PowerSubsystem/PowerSupplies/Bay1")
                && x.attributes().get("hw.state").equals("degraded") && x.value() == 1);
        // Automatic choice reads only the newer generation, so nothing is reported twice.
        assertThat(r.readings()).noneMatch(x -> x.attributes().get("hw.id").startsWith("Chassis/1U/Thermal/"));
        assertThat(r.readings()).allMatch(x -> x.time().equals(RedfishTestServer.CLOCK.instant()));
    }

    @Test
    void systemPowerStateAndHealth() throws IOException {
        PollResult r = poll(Map.of());
        JsonNode system = server.resource("/redfish/v1/Systems/437XR1138R2");
        assertThat(system.get("PowerState").asText()).isEqualTo("On");
        assertThat(value(r, "hw.power_state", "Systems/437XR1138R2")).isEqualTo(1);
        assertThat(r.readings()).anyMatch(x -> x.metric().equals("hw.status")
                && x.attributes().get("hw.id").equals("Systems/437XR1138R2")
                && x.attributes().get("hw.state").equals("ok") && x.value() == 1);
    }

    @Test
    void inventoryIsOneInfoSeriesPerSystemWithTheMockupsStrings() throws IOException {
        PollResult r = poll(Map.of());
        JsonNode system = server.resource("/redfish/v1/Systems/437XR1138R2");
        JsonNode manager = server.resource(system.path("Links").path("ManagedBy").get(0).path("@odata.id").asText());
        Reading info = find(r, "hw.server.info", "Systems/437XR1138R2").orElseThrow();
        assertThat(info.value()).isEqualTo(1);
        assertThat(info.unit().code()).isEqualTo("1");
        assertThat(info.attributes()).containsEntry("manufacturer", system.get("Manufacturer").asText())
                .containsEntry("model", system.get("Model").asText())
                .containsEntry("serial_number", system.get("SerialNumber").asText())
                .containsEntry("bios_version", system.get("BiosVersion").asText())
                .containsEntry("firmware_version", manager.get("FirmwareVersion").asText())
                .containsEntry("hw.type", "system");
        assertThat(info.attributes().get("firmware_version")).isEqualTo("1.45.455b66-rev4");
    }

    @Test
    void theManagerIsReadOnlyEveryFewPollsAndTheInfoIsReportedEachPoll() {
        int every = RedfishMapping.load(RedfishMapping.GENERIC).orElseThrow().inventory.orElseThrow()
                .managerEveryPolls();
        try (DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            for (int i = 0; i < every + 1; i++) {
                assertThat(find(s.poll(), "hw.server.info", "Systems/437XR1138R2")).hasValueSatisfying(
                        x -> assertThat(x.attributes()).containsKey("firmware_version"));
            }
        }
        assertThat(server.requests.stream().filter(q -> q.startsWith("GET /redfish/v1/Managers/BMC"))).hasSize(2);
    }

    @Test
    void expandedCollectionsSaveRequests() {
        poll(Map.of());
        assertThat(server.requests).anyMatch(q -> q.startsWith("GET /redfish/v1/Chassis/1U/Sensors?$expand=."));
        assertThat(server.requests).noneMatch(q -> q.startsWith("GET /redfish/v1/Chassis/1U/Sensors/"));

        server.requests.clear();
        server.honourExpand = false;
        PollResult r = poll(Map.of());
        assertThat(server.requests).contains("GET /redfish/v1/Chassis/1U/Sensors/AmbientTemp");
        assertThat(find(r, "hw.temperature", "Chassis/1U/Sensors/AmbientTemp")).isPresent();
    }

    @Test
    void sessionIsCreatedOnceReusedAndDeletedOnClose() {
        server.requireAuth = true;
        try (DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            assertThat(s.poll().readings()).isNotEmpty();
            assertThat(s.poll().readings()).isNotEmpty();
            assertThat(server.sessionsCreated).hasValue(1);
        }
        assertThat(server.sessionsDeleted).hasValue(1);
        assertThat(server.tokens).isEmpty();
    }

    @Test
    void expiredSessionIsRenewed() {
        server.requireAuth = true;
        try (DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            s.poll();
            server.tokens.clear();
            assertThat(s.poll().readings()).isNotEmpty();
            assertThat(server.sessionsCreated).hasValue(2);
        }
    }

    @Test
    void basicAuthByOptionAndWhenTheServiceHasNoSessionService() {
        server.requireAuth = true;
        assertThat(poll(Map.of("redfish.auth", "basic")).readings()).isNotEmpty();
        assertThat(server.sessionsCreated).hasValue(0);

        server.sessionService = false;
        assertThat(poll(Map.of()).readings()).isNotEmpty();
        assertThat(server.sessionsCreated).hasValue(0);
    }

    @Test
    void wrongCredentialsAreAnAuthErrorNamingTheDevice() {
        server.requireAuth = true;
        for (String auth : List.of("session", "basic")) {
            try (DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of("redfish.auth", auth),
                    RedfishTestServer.credentials("admin", "wrong"), java.time.Duration.ofSeconds(3), 0))) {
                assertThatThrownBy(s::poll).isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DriverErrorKind.AUTH);
                    assertThat(e.getMessage()).startsWith("device 'srv-1' (redfish://127.0.0.1:" + server.port() + ")")
                            .doesNotContain("wrong");
                });
            }
        }
    }

    @Test
    void maxResourcesBoundsAPoll() {
        PollResult r = poll(Map.of("redfish.max_resources", "4"));
        assertThat(r.errors()).anyMatch(e -> e.kind() == DriverErrorKind.CONFIG
                && e.message().contains("redfish.max_resources"));
        assertThat(server.requests.stream().filter(q -> q.startsWith("GET")).count()).isLessThanOrEqualTo(5);
    }

    @Test
    void invalidOptionsAreConfigErrorsAtOpen() {
        assertThatThrownBy(() -> new RedfishDriver().open(server.target("redfish", Map.of("redfish.bogus", "1",
                "redfish.auth", "kerberos", "redfish.insecure", "true"))))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG);
                    assertThat(e.getMessage()).contains("redfish.bogus", "redfish.auth", "https://");
                });
        assertThatThrownBy(() -> new RedfishDriver().open(new org.dcsuite.drivers.DeviceTarget("srv-1",
                Endpoint.parse("redfish://127.0.0.1:1"), Optional.of("dell-idrac9"), RedfishTestServer.credentials("a", "b"),
                java.time.Duration.ofSeconds(1), 0, Map.of(), RedfishTestServer.CLOCK)))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.getMessage())
                        .contains("unknown Redfish profile 'dell-idrac9'", "redfish-generic"));
    }
}
