package org.dcsuite.simulator.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.PASSWORD;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.SERVER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.USER;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.target;
import static org.dcsuite.simulator.redfish.SimRedfishFixtures.value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.dcsuite.core.config.Secret;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.ControlResult;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.redfish.RedfishDriver;
import org.dcsuite.simulator.state.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BMC read and controlled through the real dcsuite Redfish driver, as the collectors will. */
class SimRedfishDriverTest {

    private final AtomicReference<ServerState> state = new AtomicReference<>(SimRedfishFixtures.server());
    private final SimRedfishFixtures.RecordingControls controls = new SimRedfishFixtures.RecordingControls();
    private SimRedfishServer bmc;

    @BeforeEach
    void start() {
        bmc = SimRedfishServer.builder(SERVER, state::get, controls)
                .credentials(USER, Secret.of(PASSWORD))
                .start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private PollResult poll(Map<String, String> options) {
        try (DeviceSession s = new RedfishDriver().open(target(bmc, options))) {
            return s.poll();
        }
    }

    @Test
    void newerSchemaReadingsEqualTheState() {
        ServerState s = state.get();
        PollResult r = poll(Map.of());

        assertThat(r.errors()).isEmpty();
        assertThat(value(r, "hw.host.power", "Chassis/1")).isEqualTo(s.inputPowerW());
        assertThat(value(r, "hw.power", "Chassis/1/Sensors/TotalPower")).isEqualTo(s.inputPowerW());
        assertThat(value(r, "hw.temperature", "Chassis/1/Sensors/InletTemp")).isEqualTo(s.inletC());
        assertThat(value(r, "hw.temperature", "Chassis/1/Sensors/CPUTemp")).isEqualTo(s.cpuC());
        for (ServerState.Fan f : s.fans()) {
            assertThat(value(r, "hw.fan.speed", "Chassis/1/Sensors/" + f.id() + "Speed")).isEqualTo(f.rpm());
        }
        for (ServerState.Psu p : s.psus()) {
            assertThat(value(r, "hw.power", "Chassis/1/Sensors/" + p.id() + "InputPower")).isEqualTo(p.inputW());
            assertThat(value(r, "hw.power", "Chassis/1/Sensors/" + p.id() + "OutputPower")).isEqualTo(p.outputW());
            assertThat(value(r, "hw.voltage", "Chassis/1/Sensors/" + p.id() + "InputVoltage"))
                    .isEqualTo(p.inputVoltageV());
        }
        // PSU2 lost its feed: the BMC calls it Critical, which the driver maps to "failed".
        assertThat(value(r, "hw.status", "Chassis/1/PowerSubsystem/PowerSupplies/PSU1", "ok")).isEqualTo(1);
        assertThat(value(r, "hw.status", "Chassis/1/PowerSubsystem/PowerSupplies/PSU2", "failed")).isEqualTo(1);
        assertThat(value(r, "hw.status", "Systems/1", "degraded")).isEqualTo(1);
        assertThat(value(r, "hw.status", "Systems/1", "ok")).isZero();
        assertThat(value(r, "hw.power_state", "Systems/1")).isEqualTo(1);
        // Only one generation is read per chassis, so no legacy ids appear.
        assertThat(r.readings()).noneMatch(x -> x.attributes().get("hw.id").contains("/Power/")
                || x.attributes().get("hw.id").contains("/Thermal/"));
    }

    @Test
    void theInventoryReachesTheDriversInfoSeries() {
        PollResult r = poll(Map.of());
        assertThat(r.readings()).filteredOn(x -> x.metric().equals("hw.server.info")).singleElement()
                .satisfies(info -> {
                    assertThat(info.value()).isEqualTo(1);
                    assertThat(info.attributes()).containsEntry("hw.id", "Systems/1")
                            .containsEntry("manufacturer", SimRedfishResources.MANUFACTURER)
                            .containsEntry("model", SimRedfishResources.MODEL)
                            .containsEntry("serial_number", SimRedfishResources.serialNumber(state.get().id()))
                            .containsEntry("bios_version", SimRedfishResources.BIOS_VERSION)
                            .containsEntry("firmware_version", SimRedfishResources.BMC_FIRMWARE_VERSION);
                });
    }

    @Test
    void legacySchemaReadingsEqualTheState() {
        ServerState s = state.get();
        PollResult r = poll(Map.of("redfish.schema", "legacy"));

        assertThat(r.errors()).isEmpty();
        assertThat(value(r, "hw.host.power", "Chassis/1/Power/PowerControl/0")).isEqualTo(s.inputPowerW());
        assertThat(value(r, "hw.temperature", "Chassis/1/Thermal/Temperatures/InletTemp")).isEqualTo(s.inletC());
        assertThat(value(r, "hw.temperature", "Chassis/1/Thermal/Temperatures/CPUTemp")).isEqualTo(s.cpuC());
        for (ServerState.Fan f : s.fans()) {
            assertThat(value(r, "hw.fan.speed", "Chassis/1/Thermal/Fans/" + f.id())).isEqualTo(f.rpm());
        }
        for (ServerState.Psu p : s.psus()) {
            String id = "Chassis/1/Power/PowerSupplies/" + p.id();
            assertThat(value(r, "hw.power", id + "/input")).isEqualTo(p.inputW());
            assertThat(value(r, "hw.power", id + "/output")).isEqualTo(p.outputW());
            assertThat(value(r, "hw.voltage", id)).isEqualTo(p.inputVoltageV());
        }
        assertThat(value(r, "hw.status", "Chassis/1/Power/PowerSupplies/PSU2", "failed")).isEqualTo(1);
    }

    @Test
    void valuesAreReadAtRequestTime() {
        try (DeviceSession s = new RedfishDriver().open(target(bmc, Map.of()))) {
            assertThat(value(s.poll(), "hw.power_state", "Systems/1")).isEqualTo(1);
            ServerState on = state.get();
            state.set(new ServerState(on.id(), on.name(), ServerState.PowerState.OFF, 9.5, 22.0, 22.5, on.psus(),
                    List.of(new ServerState.Fan("Fan1", 0)), ServerState.Health.OK));
            PollResult off = s.poll();
            assertThat(value(off, "hw.power_state", "Systems/1")).isZero();
            assertThat(value(off, "hw.host.power", "Chassis/1")).isEqualTo(9.5);
            assertThat(value(off, "hw.fan.speed", "Chassis/1/Sensors/Fan1Speed")).isZero();
            assertThat(value(off, "hw.status", "Systems/1", "ok")).isEqualTo(1);
        }
    }

    @Test
    void theSessionIsCreatedOnFirstPollAndDeletedOnClose() {
        try (DeviceSession s = new RedfishDriver().open(target(bmc, Map.of()))) {
            assertThat(bmc.activeSessions()).isZero();
            s.poll();
            s.poll();
            assertThat(bmc.activeSessions()).isEqualTo(1);
        }
        assertThat(bmc.activeSessions()).isZero();
    }

    @Test
    void basicAuthReadsWithoutASession() {
        PollResult r = poll(Map.of("redfish.auth", "basic"));
        assertThat(value(r, "hw.host.power", "Chassis/1")).isEqualTo(state.get().inputPowerW());
        assertThat(bmc.activeSessions()).isZero();
    }

    @Test
    void wrongPasswordIsAnAuthError() {
        assertThatThrownBy(() -> {
            try (DeviceSession s = new RedfishDriver().open(target(bmc, Map.of(),
                    SimRedfishFixtures.credentials(USER, "wrong"), Duration.ofSeconds(3)))) {
                s.poll();
            }
        }).isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.AUTH));
    }

    @Test
    void resetReachesTheControls() {
        try (DeviceSession s = new RedfishDriver().open(target(bmc, Map.of()))) {
            ControlResult result = s.control(new ControlRequest("system.reset", SimRedfishServer.SYSTEM_ID,
                    Map.of("type", "GracefulRestart")));
            assertThat(result.message()).contains("ResetType=GracefulRestart", "HTTP 204");
            s.control(new ControlRequest("system.reset", "/redfish/v1/Systems/1", Map.of("type", "ForceOff")));
        }
        assertThat(controls.resets).containsExactly(SERVER + " GRACEFUL_RESTART", SERVER + " FORCE_OFF");
    }

    @Test
    void anUnknownResetTypeIsRefused() {
        try (DeviceSession s = new RedfishDriver().open(target(bmc, Map.of()))) {
            // Nmi is a valid Redfish ResetType, but not one this BMC lists in its AllowableValues.
            assertThatThrownBy(() -> s.control(new ControlRequest("system.reset", SimRedfishServer.SYSTEM_ID,
                    Map.of("type", "Nmi")))).isInstanceOfSatisfying(DriverException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG);
                        assertThat(e.getMessage()).contains("'Nmi' is not allowed", "GracefulRestart");
                    });
        }
        assertThat(controls.resets).isEmpty();
    }
}
