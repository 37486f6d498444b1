package org.dcsuite.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.drivers.redfish.RedfishMockupTest.find;
import static org.dcsuite.drivers.redfish.RedfishMockupTest.value;

import java.io.IOException;
import java.util.Map;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.ControlResult;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.Test;

/** Rack PDU and CDU fixtures (DMTF PowerDistribution and CoolingUnit shapes), vendor captures, and actions. */
class RedfishEquipmentTest {

    private static PollResult poll(RedfishTestServer server) {
        try (DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            return s.poll();
        }
    }

    @Test
    void rackPduMainsBranchesAndPagedOutlets() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.fixture("equipment"))) {
            server.requireAuth = true;
            PollResult r = poll(server);
            String pdu = "PowerEquipment/RackPDUs/1";
            assertThat(value(r, "hw.power", pdu + "/Mains/AC1")).isEqualTo(6438);
            Reading energy = find(r, "hw.energy", pdu + "/Mains/AC1").orElseThrow();
            assertThat(energy.value()).isEqualTo(36166 * 3_600_000.0);
            assertThat(energy.kind().name()).isEqualTo("COUNTER");
            Reading line2 = find(r, "hw.current", pdu + "/Mains/AC1/Line2").orElseThrow();
            assertThat(line2.value()).isEqualTo(9.1);
            assertThat(line2.attributes()).containsEntry("phase", "Line2").containsEntry("hw.parent", pdu)
                    .containsEntry("hw.type", "circuit");
            assertThat(value(r, "hw.voltage", pdu + "/Mains/AC1/Line3ToNeutral")).isEqualTo(231.0);
            assertThat(value(r, "hw.current", pdu + "/Branches/A")).isEqualTo(9.34);
            // Branch B's meter reads null: a point error, the rest of the PDU still reads.
            assertThat(r.errors()).anyMatch(e -> e.point().equals(pdu + "/Branches/B")
                    && e.kind() == DriverErrorKind.DECODE && e.message().contains("null"));
            assertThat(value(r, "hw.power", pdu + "/Outlets/A1")).isEqualTo(412);
            assertThat(value(r, "hw.power_state", pdu + "/Outlets/A1")).isEqualTo(1);
            assertThat(value(r, "hw.power_state", pdu + "/Outlets/A2")).isEqualTo(0);
            // A3 is on the second page (Members@odata.nextLink) and Disabled.
            assertThat(server.requests).anyMatch(q -> q.startsWith("GET /redfish/v1/" + pdu + "/Outlets/Page2"));
            assertThat(r.errors()).anyMatch(e -> e.point().equals(pdu + "/Outlets/A3") && e.message().contains("Disabled"));
            assertThat(r.readings()).anyMatch(x -> x.metric().equals("hw.status") && x.attributes().get("hw.id").equals(pdu)
                    && x.attributes().get("hw.state").equals("degraded") && x.value() == 1);
        }
    }

    @Test
    void coolingUnitConnectorsAndSetpoints() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.fixture("equipment"))) {
            PollResult r = poll(server);
            String cdu = "ThermalEquipment/CDUs/1";
            assertThat(value(r, "hw.temperature", cdu + "/PrimaryCoolantConnectors/1/supply")).isEqualTo(18.2);
            assertThat(value(r, "hw.temperature", cdu + "/PrimaryCoolantConnectors/1/return")).isEqualTo(27.9);
            assertThat(value(r, "hw.coolant.flow", cdu + "/PrimaryCoolantConnectors/1")).isEqualTo(245.2);
            assertThat(value(r, "hw.coolant.pressure_delta", cdu + "/PrimaryCoolantConnectors/1")).isEqualTo(88.5);
            assertThat(value(r, "hw.temperature.setpoint", cdu + "/SecondaryCoolantConnectors/1/supply")).isEqualTo(32);
            assertThat(value(r, "hw.cooling.capacity", cdu)).isEqualTo(90000);
            assertThat(value(r, "hw.host.power", cdu + "/EnvironmentMetrics")).isEqualTo(1840);
        }
    }

    @Test
    void dellIdracLegacyShape() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.fixture("dell-idrac"))) {
            PollResult r = poll(server);
            String power = "Chassis/System.Embedded.1/Power";
            assertThat(value(r, "hw.host.power", power + "/PowerControl/PowerControl")).isEqualTo(262);
            assertThat(value(r, "hw.power", power + "/PowerSupplies/PSU.Slot.1/input")).isEqualTo(138);
            assertThat(value(r, "hw.power", power + "/PowerSupplies/PSU.Slot.2/output")).isEqualTo(118);
            assertThat(r.readings()).anyMatch(x -> x.metric().equals("hw.status")
                    && x.attributes().get("hw.id").equals(power + "/PowerSupplies/PSU.Slot.2")
                    && x.attributes().get("hw.state").equals("failed") && x.value() == 1);
            assertThat(value(r, "hw.temperature", "Chassis/System.Embedded.1/Thermal/Temperatures/"
                    + "iDRAC.Embedded.1#CPU1Temp")).isEqualTo(47);
            assertThat(value(r, "hw.fan.speed", "Chassis/System.Embedded.1/Thermal/Fans/0x17||Fan.Embedded.1A"))
                    .isEqualTo(5880);
            // iDRAC writes "N/A" for a fan it cannot read and null for an unread voltage.
            assertThat(r.errors()).anyMatch(e -> e.point().endsWith("Fan.Embedded.2A")
                    && e.kind() == DriverErrorKind.DECODE && e.message().contains("\"N/A\""));
            assertThat(r.errors()).anyMatch(e -> e.point().endsWith("SystemBoardCPU1VCORE")
                    && e.kind() == DriverErrorKind.DECODE);
        }
    }

    @Test
    void hpeIloLegacyShape() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.fixture("hpe-ilo"))) {
            server.requireAuth = true;
            PollResult r = poll(server);
            assertThat(server.sessionsCreated).hasValue(1);
            assertThat(value(r, "hw.host.power", "Chassis/1/Power/PowerControl/0")).isEqualTo(187);
            assertThat(value(r, "hw.fan.speed_ratio", "Chassis/1/Thermal/Fans/0")).isEqualTo(0.23);
            assertThat(value(r, "hw.fan.speed", "Chassis/1/Thermal/Fans/1")).isEqualTo(3900);
            assertThat(r.errors()).anyMatch(e -> e.point().equals("Chassis/1/Thermal/Temperatures/1")
                    && e.message().contains("Absent"));
            assertThat(r.errors()).anyMatch(e -> e.point().equals("Chassis/1/Power/PowerSupplies/1"));
        }
    }

    @Test
    void systemResetIsValidatedAndReturnsTheTaskMonitor() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.mockup());
                DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            server.requireAuth = true;
            ControlResult result = s.control(new ControlRequest("system.reset", "437XR1138R2",
                    Map.of("type", "GracefulRestart")));
            assertThat(result.message()).contains("Redfish task /redfish/v1/TaskService/Tasks/7/Monitor started");
            assertThat(server.posts).contains("/redfish/v1/Systems/437XR1138R2/Actions/ComputerSystem.Reset "
                    + "{\"ResetType\":\"GracefulRestart\"}");
            assertThatThrownBy(() -> s.control(new ControlRequest("system.reset", "437XR1138R2",
                    Map.of("type", "PowerCycle")))).isInstanceOfSatisfying(DriverException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG);
                        assertThat(e.getMessage()).contains("not allowed", "GracefulRestart");
                    });
            assertThatThrownBy(() -> s.control(new ControlRequest("setpoint", "x", Map.of())))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.UNSUPPORTED));
        }
    }

    @Test
    void outletPowerByIdAndByPath() throws IOException {
        try (RedfishTestServer server = RedfishTestServer.http(RedfishTestServer.fixture("equipment"));
                DeviceSession s = new RedfishDriver().open(server.target("redfish", Map.of()))) {
            String target = "/redfish/v1/PowerEquipment/RackPDUs/1/Outlets/A2/Outlet.PowerControl";
            assertThat(s.control(new ControlRequest("outlet.power", "A2", Map.of("state", "on"))).message())
                    .contains("Outlet.PowerControl PowerState=On", "HTTP 204");
            s.control(new ControlRequest("outlet.power", "/redfish/v1/PowerEquipment/RackPDUs/1/Outlets/A2",
                    Map.of("state", "cycle")));
            assertThat(server.posts).containsExactly(target + " {\"PowerState\":\"On\"}",
                    target + " {\"PowerState\":\"PowerCycle\"}");
            assertThatThrownBy(() -> s.control(new ControlRequest("outlet.power", "A2", Map.of("state", "dim"))))
                    .isInstanceOfSatisfying(DriverException.class,
                            e -> assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG));
            assertThatThrownBy(() -> s.control(new ControlRequest("outlet.power", "Z9", Map.of("state", "on"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.getMessage()).contains("no outlet 'Z9'"));
        }
    }
}
