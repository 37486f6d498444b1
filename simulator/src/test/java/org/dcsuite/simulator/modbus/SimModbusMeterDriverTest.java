package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.METER_ID;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.target;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.dcsuite.drivers.modbus.ModbusDriver;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.Holder;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RawClient;
import org.dcsuite.simulator.state.MeterState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meter front end found and read by the real driver's SunSpec discovery, without a profile. */
class SimModbusMeterDriverTest {

    private static final Set<String> KEYS = Set.of("phase", "direction", "event");

    private final Holder<MeterState> state = new Holder<>(ModbusSimTestSupport.meter());
    private SimModbusDevice device;
    private DeviceSession session;

    @BeforeEach
    void start() {
        device = SimModbusDevice.startMeter(METER_ID, 0, state, ProtocolFaults.NONE);
        session = new ModbusDriver().open(target(METER_ID, device.port(), null, Duration.ofSeconds(2), 0));
    }

    @AfterEach
    void stop() {
        session.close();
        device.close();
    }

    /** {@code value} as the device carries it: an int16 count of 10^sf, for the scale factor its group needs. */
    private static double scaled(double value, int sf) {
        return Math.round(value / Math.pow(10, sf)) * Math.pow(10, sf);
    }

    private static double value(PollResult result, String metric, Map<String, String> attributes) {
        return ModbusSimTestSupport.value(result, metric, attributes, KEYS);
    }

    @Test
    void sunSpecDiscoveryFindsTheCommonAndMeterModels() {
        PollResult result = session.poll();

        assertThat(result.errors()).isEmpty();
        assertThat(result.readings()).allSatisfy(r -> assertThat(r.attributes())
                .containsEntry("hw.vendor", "dcsuite")
                .containsEntry("hw.model", "sim-meter")
                .containsEntry("hw.serial_number", METER_ID)
                .containsKey("hw.firmware_version"));
    }

    @Test
    void readingsEqualTheStateAfterItsScaleFactors() {
        MeterState s = state.get();
        List<MeterState.Phase> p = s.phases();
        PollResult result = session.poll();

        // Scale factors per group, the finest that fits the group's largest value in an int16: currents up to
        // 1805 A take -1, voltages -1, frequency -2, powers up to 415 kW take 2, VA 2, var 1, PF in % -1.
        assertThat(value(result, "hw.current", Map.of())).isCloseTo(
                scaled(p.get(0).currentA() + p.get(1).currentA() + p.get(2).currentA(), -1), within(1e-6));
        assertThat(value(result, "hw.voltage", Map.of())).isCloseTo(
                scaled((p.get(0).voltageV() + p.get(1).voltageV() + p.get(2).voltageV()) / 3, -1), within(1e-6));
        for (int i = 0; i < 3; i++) {
            Map<String, String> phase = Map.of("phase", "L" + (i + 1));
            assertThat(value(result, "hw.current", phase)).isCloseTo(scaled(p.get(i).currentA(), -1), within(1e-6));
            assertThat(value(result, "hw.voltage", phase)).isCloseTo(scaled(p.get(i).voltageV(), -1), within(1e-6));
            assertThat(value(result, "hw.power", phase)).isCloseTo(scaled(p.get(i).powerW(), 2), within(1e-6));
        }
        assertThat(value(result, "hw.frequency", Map.of())).isCloseTo(scaled(s.frequencyHz(), -2), within(1e-6));
        assertThat(value(result, "hw.power", Map.of())).isCloseTo(scaled(s.powerW(), 2), within(1e-6));
        assertThat(value(result, "hw.power.apparent", Map.of())).isCloseTo(scaled(s.apparentPowerVa(), 2),
                within(1e-6));
        assertThat(value(result, "hw.power.reactive", Map.of())).isCloseTo(scaled(s.reactivePowerVar(), 1),
                within(1e-6));
        assertThat(value(result, "hw.power_factor", Map.of())).isCloseTo(scaled(s.powerFactor() * 100, -1),
                within(1e-6));
        // Energy in whole Wh (uint32 with scale factor 0), times 3600 in the profile.
        assertThat(value(result, "hw.energy", Map.of("direction", "import")))
                .isEqualTo(Math.round(s.energyImportedJ() / 3600) * 3600.0);
        assertThat(value(result, "hw.energy", Map.of("direction", "export"))).isZero();
        assertThat(result.readings().stream().filter(r -> r.metric().equals("hw.meter.event"))
                .map(Reading::value)).hasSize(6).containsOnly(0.0);
    }

    @Test
    void smallValuesKeepTheirPrecision() {
        state.set(new MeterState(METER_ID, "test load", 2_987.6, 3_100.0, 310.0, 0.9637, 50.01, 7_200.0,
                List.of(new MeterState.Phase("L1", 229.94, 4.337, 995.9),
                        new MeterState.Phase("L2", 230.0, 4.3, 990.0),
                        new MeterState.Phase("L3", 230.0, 4.4, 1001.7))));

        PollResult result = session.poll();

        assertThat(value(result, "hw.current", Map.of("phase", "L1"))).isCloseTo(4.34, within(1e-9));
        assertThat(value(result, "hw.power", Map.of())).isCloseTo(2_988.0, within(1e-9));
        assertThat(value(result, "hw.power_factor", Map.of())).isCloseTo(96.4, within(1e-9));
        assertThat(value(result, "hw.energy", Map.of("direction", "import"))).isEqualTo(7_200.0);
    }

    @Test
    void theMarkerTheModelChainAndTheEndModelAreWhereSunSpecPutsThem() throws Exception {
        try (RawClient client = new RawClient(device.port())) {
            // 40000: "SunS", model 1 with length 66.
            assertThat(client.request(1, 0x03, 40000 >> 8, 40000 & 0xFF, 0, 4))
                    .containsExactly(0x03, 8, 0x53, 0x75, 0x6E, 0x53, 0, 1, 0, 66);
            // 40070: model 203 with length 105.
            assertThat(client.request(1, 0x03, 40070 >> 8, 40070 & 0xFF, 0, 2))
                    .containsExactly(0x03, 4, 0, 203, 0, 105);
            // 40177: the end model, and nothing after it.
            assertThat(client.request(1, 0x03, 40177 >> 8, 40177 & 0xFF, 0, 2))
                    .containsExactly(0x03, 4, 0xFF, 0xFF, 0, 0);
            assertThat(client.request(1, 0x03, 40177 >> 8, 40177 & 0xFF, 0, 3)).containsExactly(0x83, 0x02);
            // The meter is read-only and has no input registers.
            assertThat(client.request(1, 0x06, 40000 >> 8, 40000 & 0xFF, 0, 0)).containsExactly(0x86, 0x02);
            assertThat(client.request(1, 0x04, 40000 >> 8, 40000 & 0xFF, 0, 1)).containsExactly(0x84, 0x02);
        }
    }
}
