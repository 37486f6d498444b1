package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.community;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.decimals;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.one;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.target;

import java.util.List;
import java.util.Map;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.dcsuite.drivers.snmp.SnmpDriver;
import org.dcsuite.simulator.state.PduState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A simulated PDU read and switched through the real dcsuite SNMP driver with its shipped profiles. */
class SimSnmpPduDriverTest {

    private static final double EPS = 1e-9;

    private final PduState pdu = SimSnmpFixtures.pdu();
    private final SimSnmpFixtures.Controls controls = new SimSnmpFixtures.Controls(pdu);
    private SimSnmpAgent agent;

    @BeforeEach
    void start() {
        agent = SimSnmpFixtures.withCredentials(SimSnmpAgent.pdu("pdu-1", controls.state::get, controls)).start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private PollResult poll(String profile, Map<String, String> options) {
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), profile,
                community(SimSnmpFixtures.READ_COMMUNITY), options))) {
            return s.poll();
        }
    }

    @Test
    void raritanInletAndPolesEqualTheStateAfterPdu2MibScaling() {
        PollResult r = poll("raritan-pdu2", Map.of());
        List<Reading> rs = r.readings();
        double maxCurrent = pdu.phases().stream().mapToDouble(PduState.Phase::currentA).max().orElseThrow();
        double meanVoltage = pdu.phases().stream().mapToDouble(PduState.Phase::voltageV).average().orElseThrow();
        double apparent = pdu.phases().stream().mapToDouble(p -> p.voltageV() * p.currentA()).sum();
        assertThat(one(rs, "hw.current", "hw.id", "inlet-1").value()).isCloseTo(decimals(maxCurrent, 3), within(EPS));
        assertThat(one(rs, "hw.voltage", "hw.id", "inlet-1").value()).isEqualTo(Math.round(meanVoltage));
        assertThat(one(rs, "hw.power", "hw.id", "inlet-1").value()).isEqualTo(Math.round(pdu.powerW()));
        assertThat(one(rs, "hw.power_factor", "hw.id", "inlet-1").value())
                .isCloseTo(decimals(pdu.powerW() / apparent, 2), within(EPS));
        assertThat(one(rs, "hw.energy", "hw.id", "inlet-1").value())
                .isEqualTo(Math.round(pdu.energyJ() / 3600) * 3600.0);
        for (int i = 0; i < pdu.phases().size(); i++) {
            PduState.Phase p = pdu.phases().get(i);
            String id = "inlet-1-phase-" + (i + 1);
            assertThat(one(rs, "hw.current", "hw.id", id).value()).isCloseTo(decimals(p.currentA(), 3), within(EPS));
            assertThat(one(rs, "hw.voltage", "hw.id", id).value()).isEqualTo(Math.round(p.voltageV()));
            assertThat(one(rs, "hw.power", "hw.id", id).value()).isEqualTo(Math.round(p.powerW()));
        }
    }

    @Test
    void raritanOutletsEqualTheStateAndAnIdleOutletHasNoPowerFactor() {
        PollResult r = poll("raritan-pdu2", Map.of());
        List<Reading> rs = r.readings();
        for (PduState.Outlet o : pdu.outlets()) {
            String id = "outlet-" + o.number();
            double voltage = pdu.phases().stream().filter(p -> p.id().equals(o.phase())).findFirst().orElseThrow()
                    .voltageV();
            assertThat(one(rs, "hw.current", "hw.id", id).value()).isCloseTo(decimals(o.currentA(), 3), within(EPS));
            assertThat(one(rs, "hw.current", "hw.id", id).attributes()).containsEntry("hw.name", o.name());
            assertThat(one(rs, "hw.voltage", "hw.id", id).value()).isEqualTo(Math.round(voltage));
            assertThat(one(rs, "hw.power", "hw.id", id).value()).isEqualTo(Math.round(o.powerW()));
            assertThat(one(rs, "hw.energy", "hw.id", id).value()).isEqualTo(Math.round(o.energyJ() / 3600) * 3600.0);
            assertThat(one(rs, "hw.status", "hw.id", id).value()).isEqualTo(o.on() ? 1 : 0);
            if (o.on()) {
                assertThat(one(rs, "hw.power_factor", "hw.id", id).value())
                        .isCloseTo(decimals(o.powerW() / (voltage * o.currentA()), 2), within(EPS));
            }
        }
        // Outlet 3 is off: its power factor sensor reads unavailable, which the driver reports as a point error.
        assertThat(rs).noneMatch(x -> x.metric().equals("hw.power_factor") && "outlet-3".equals(x.attributes()
                .get("hw.id")));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DriverErrorKind.UNSUPPORTED);
            assertThat(e.point()).contains("1.3.7");
        });
    }

    @Test
    void environmentSensorsThroughEntitySensorMib() {
        List<Reading> rs = poll("entity-sensor", Map.of()).readings();
        PduState.Sensor t = pdu.sensors().get(0);
        PduState.Sensor h = pdu.sensors().get(1);
        Reading temperature = one(rs, "hw.temperature", "hw.id", "sensor-1");
        assertThat(temperature.value()).isCloseTo(decimals(t.value(), 1), within(EPS));
        assertThat(temperature.attributes()).containsEntry("hw.name", t.name());
        assertThat(one(rs, "hw.humidity", "hw.id", "sensor-2").value()).isCloseTo(decimals(h.value(), 1), within(EPS));
    }

    @Test
    void withoutAProfileTheDriverDetectsRaritanBySysObjectId() {
        List<Reading> rs = poll(null, Map.of()).readings();
        assertThat(one(rs, "hw.power", "hw.id", "inlet-1").value()).isEqualTo(Math.round(pdu.powerW()));
        assertThat(rs).anyMatch(x -> x.metric().equals("hw.status") && "outlet-1".equals(x.attributes().get("hw.id")));
    }

    @Test
    void snmpV1AndV3ReadTheSameValues() {
        double expected = Math.round(pdu.powerW());
        assertThat(one(poll("raritan-pdu2", Map.of("snmp.version", "1")).readings(), "hw.power", "hw.id", "inlet-1")
                .value()).isEqualTo(expected);
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), "raritan-pdu2", SimSnmpFixtures.user(
                SimSnmpFixtures.USER, SimSnmpFixtures.AUTH_PASS, SimSnmpFixtures.PRIV_PASS), Map.of()))) {
            assertThat(one(s.poll().readings(), "hw.power", "hw.id", "inlet-1").value()).isEqualTo(expected);
        }
    }

    @Test
    void outletSwitchingThroughTheDriverReachesDeviceControls() {
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), "raritan-pdu2",
                community(SimSnmpFixtures.WRITE_COMMUNITY), Map.of()))) {
            s.control(new ControlRequest("outlet.power", "2", Map.of("state", "off")));
            assertThat(controls.calls).containsExactly("pdu-1/2=off");
            assertThat(one(s.poll().readings(), "hw.status", "hw.id", "outlet-2").value()).isZero();
            s.control(new ControlRequest("outlet.power", "3", Map.of("state", "cycle")));
            assertThat(controls.calls).containsExactly("pdu-1/2=off", "pdu-1/3=off", "pdu-1/3=on");
            assertThat(one(s.poll().readings(), "hw.status", "hw.id", "outlet-3").value()).isEqualTo(1);
        }
    }

    @Test
    void theReadCommunityCannotSwitchOutlets() {
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), "raritan-pdu2",
                community(SimSnmpFixtures.READ_COMMUNITY), Map.of()))) {
            assertThatThrownBy(() -> s.control(new ControlRequest("outlet.power", "1", Map.of("state", "off"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.AUTH));
        }
        assertThat(controls.calls).isEmpty();
    }
}
