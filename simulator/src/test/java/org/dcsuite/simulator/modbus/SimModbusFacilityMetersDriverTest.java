package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.target;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.modbus.ModbusDriver;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.Holder;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RawClient;
import org.dcsuite.simulator.state.HeatMeterState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.WaterMeterState;
import org.junit.jupiter.api.Test;

/** The water and heat meter front ends read by the real driver through the profiles they follow. */
class SimModbusFacilityMetersDriverTest {

    private static double value(PollResult result, String metric) {
        return ModbusSimTestSupport.value(result, metric, Map.of(), Set.of());
    }

    @Test
    void waterMeterReadsAsItsStateInTheProfilesResolution() {
        // More than 2^16 decilitres, so both words of the totaliser count.
        Holder<WaterMeterState> state = new Holder<>(new WaterMeterState("w", "water", 12_345.678, 46.26));
        try (SimModbusDevice device = SimModbusDevice.startWaterMeter("w", 0, state, ProtocolFaults.NONE);
                DeviceSession session = new ModbusDriver().open(target("w", device.port(), "generic-water-meter",
                        Duration.ofSeconds(2), 0))) {
            PollResult result = session.poll();

            assertThat(result.errors()).isEmpty();
            // The totaliser shows whole decilitres counted so far; the flow rounds to the nearest 0.1 L/h.
            assertThat(value(result, "facility.water")).isCloseTo(Math.floor(12_345.678 * 10) / 10, within(1e-9));
            assertThat(value(result, "facility.water.flow")).isCloseTo(Math.round(46.26 * 10) / 10.0, within(1e-9));

            state.set(new WaterMeterState("w", "water", 12_400.04, 0));
            assertThat(value(session.poll(), "facility.water")).isCloseTo(12_400.0, within(1e-9));
        }
    }

    @Test
    void heatMeterReadsWholeWattHoursAsJoules() {
        double joules = 3_600.0 * 70_000 + 1_800; // 70,000.5 Wh: above 2^16, and half a Wh not yet counted
        Holder<HeatMeterState> state = new Holder<>(new HeatMeterState("h", "heat", joules, 81_234.4));
        try (SimModbusDevice device = SimModbusDevice.startHeatMeter("h", 0, state, ProtocolFaults.NONE);
                DeviceSession session = new ModbusDriver().open(target("h", device.port(), "generic-heat-meter",
                        Duration.ofSeconds(2), 0))) {
            PollResult result = session.poll();

            assertThat(result.errors()).isEmpty();
            assertThat(value(result, "facility.heat.energy")).isEqualTo(70_000 * 3_600.0);
            assertThat(value(result, "facility.heat.power")).isEqualTo(81_234.0);
        }
    }

    @Test
    void metersServeInputRegistersOnlyAndRefuseWrites() throws Exception {
        Holder<WaterMeterState> state = new Holder<>(new WaterMeterState("w", "water", 1, 0));
        try (SimModbusDevice device = SimModbusDevice.startWaterMeter("w", 0, state, ProtocolFaults.NONE);
                RawClient client = new RawClient(device.port())) {
            // Input registers 0-2; 3 lies past the map.
            assertThat(client.request(1, 0x04, 0, 0, 0, 3)).containsExactly(0x04, 6, 0, 0, 0, 10, 0, 0);
            assertThat(client.request(1, 0x04, 0, 0, 0, 4)).containsExactly(0x84, 0x02);
            assertThat(client.request(1, 0x03, 0, 0, 0, 1)).containsExactly(0x83, 0x02);
            assertThat(client.request(1, 0x06, 0, 0, 0, 0)).containsExactly(0x86, 0x02);
        }
    }
}
