package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.community;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.one;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.target;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.dcsuite.drivers.snmp.SnmpDriver;
import org.dcsuite.simulator.state.UpsState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A simulated UPS read through the real dcsuite SNMP driver and its UPS-MIB profile. */
class SimSnmpUpsDriverTest {

    private static final double EPS = 1e-9;

    private final AtomicReference<UpsState> state = new AtomicReference<>(SimSnmpFixtures.ups(false));
    private SimSnmpAgent agent;

    @BeforeEach
    void start() {
        agent = SimSnmpFixtures.withCredentials(SimSnmpAgent.ups("ups-1", state::get)).start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private PollResult poll(String profile) {
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), profile,
                community(SimSnmpFixtures.READ_COMMUNITY), Map.of()))) {
            return s.poll();
        }
    }

    @Test
    void readingsEqualTheStateAfterUpsMibScaling() {
        UpsState ups = state.get();
        PollResult r = poll("ups-mib");
        List<Reading> rs = r.readings();
        assertThat(one(rs, "hw.status", "hw.id", "output").value()).isZero();
        assertThat(one(rs, "hw.status", "hw.id", "battery").value()).isEqualTo(1);
        assertThat(one(rs, "hw.battery.charge", "hw.id", "battery").value())
                .isEqualTo(Math.round(ups.batteryChargePercent()));
        assertThat(one(rs, "hw.battery.time_left", "hw.id", "battery").value())
                .isEqualTo(Math.floor(ups.runtimeS() / 60) * 60);
        assertThat(one(rs, "hw.temperature", "hw.id", "battery").value())
                .isEqualTo(Math.round(ups.batteryTemperatureC()));
        assertThat(one(rs, "hw.frequency", "hw.id", "output").value())
                .isCloseTo(Math.round(ups.outputFrequencyHz() * 10) / 10.0, within(EPS));
        assertThat(one(rs, "hw.voltage", "hw.id", "output-1").value()).isEqualTo(Math.round(ups.outputVoltageV()));
        assertThat(one(rs, "hw.current", "hw.id", "output-1").value())
                .isCloseTo(Math.round(ups.outputCurrentA() * 10) / 10.0, within(EPS));
        assertThat(one(rs, "hw.power", "hw.id", "output-1").value()).isEqualTo(Math.round(ups.outputPowerW()));
        assertThat(one(rs, "hw.power", "hw.id", "output").value()).isEqualTo(Math.round(ups.outputPowerW()));
        assertThat(one(rs, "hw.power_supply.utilization", "hw.id", "output-1").value())
                .isEqualTo(Math.round(ups.loadPercent()));
        assertThat(one(rs, "hw.voltage", "hw.id", "input-1").value()).isEqualTo(Math.round(ups.inputVoltageV()));
        assertThat(one(rs, "hw.frequency", "hw.id", "input-1").value())
                .isCloseTo(Math.round(ups.inputFrequencyHz() * 10) / 10.0, within(EPS));
        double inputPower = ups.outputPowerW() + ups.lossesW();
        assertThat(one(rs, "hw.power", "hw.id", "input-1").value()).isEqualTo(Math.round(inputPower));
        assertThat(one(rs, "hw.current", "hw.id", "input-1").value())
                .isCloseTo(Math.round(inputPower / ups.inputVoltageV() * 10) / 10.0, within(EPS));
        // upsBatteryVoltage and upsBatteryCurrent are not modelled: point errors, the rest of the poll is kept.
        assertThat(r.errors()).extracting(e -> e.kind()).containsOnly(DriverErrorKind.UNSUPPORTED);
        assertThat(r.errors()).hasSize(2);
    }

    @Test
    void onBatteryShowsInOutputSourceAndInputDrawsNothing() {
        state.set(SimSnmpFixtures.ups(true));
        List<Reading> rs = poll("ups-mib").readings();
        assertThat(one(rs, "hw.status", "hw.id", "output").value()).isEqualTo(1);
        assertThat(one(rs, "hw.power", "hw.id", "input-1").value()).isZero();
    }

    @Test
    void withoutAProfileTheDriverDetectsUpsMib() {
        List<Reading> rs = poll(null).readings();
        assertThat(one(rs, "hw.battery.charge", "hw.id", "battery").value())
                .isEqualTo(Math.round(state.get().batteryChargePercent()));
    }
}
