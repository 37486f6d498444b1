package org.dcsuite.simulator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.CRAC_ID;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.target;
import static org.dcsuite.simulator.modbus.ModbusSimTestSupport.value;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.modbus.ModbusDriver;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.Holder;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RawClient;
import org.dcsuite.simulator.modbus.ModbusSimTestSupport.RecordingControls;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRAC front end read and written through the real driver with the {@code generic-crac} profile. */
class SimModbusCracDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Set<String> KEYS = Set.of("alarm");

    private final Holder<CoolingState> state = new Holder<>(ModbusSimTestSupport.cooling());
    private final RecordingControls controls = new RecordingControls(state);
    private SimModbusDevice device;
    private DeviceSession session;

    @BeforeEach
    void start() {
        device = SimModbusDevice.startCooling(CRAC_ID, 0, state, controls, ProtocolFaults.NONE);
        session = new ModbusDriver().open(target(CRAC_ID, device.port(), "generic-crac", TIMEOUT, 0));
    }

    @AfterEach
    void stop() {
        session.close();
        device.close();
    }

    @Test
    void bindsAFreeLoopbackPortAndNamesItsEndpoint() {
        assertThat(device.port()).isPositive();
        assertThat(device.endpoint()).isEqualTo("modbus://127.0.0.1:" + device.port() + "?unit=1");
        assertThat(device.deviceId()).isEqualTo(CRAC_ID);
    }

    @Test
    void readingsEqualTheStateAfterTheProfilesScaling() {
        CoolingState s = state.get();
        PollResult result = session.poll();

        assertThat(result.errors()).isEmpty();
        assertThat(value(result, "hw.temperature", Map.of("hw.id", "supply_air"), KEYS))
                .isCloseTo(Math.round(s.supplyC() * 10) * 0.1, within(1e-9));
        assertThat(value(result, "hw.temperature", Map.of("hw.id", "return_air"), KEYS))
                .isCloseTo(Math.round(s.returnC() * 10) * 0.1, within(1e-9));
        assertThat(value(result, "hw.fan.speed", Map.of(), KEYS)).isEqualTo(Math.round(s.fanRpm()));
        assertThat(value(result, "hw.power", Map.of("hw.id", "cooling"), KEYS))
                .isEqualTo((double) (float) s.coolingPowerW());
        assertThat(value(result, "hw.temperature.setpoint", Map.of(), KEYS))
                .isCloseTo(Math.round(s.setpointC() * 10) * 0.1, within(1e-9));
        assertThat(value(result, "hw.cooling.running", Map.of(), KEYS)).isEqualTo(1.0);
        Map<String, CoolingState.Alarm> flags = Map.of(
                "high_supply_temperature", CoolingState.Alarm.HIGH_SUPPLY_TEMPERATURE,
                "high_return_temperature", CoolingState.Alarm.HIGH_RETURN_TEMPERATURE,
                "fan_failure", CoolingState.Alarm.FAN_FAILURE,
                "filter_clogged", CoolingState.Alarm.FILTER_CLOGGED,
                "water_leak", CoolingState.Alarm.WATER_LEAK,
                "compressor_fault", CoolingState.Alarm.COMPRESSOR_FAULT);
        flags.forEach((flag, alarm) -> assertThat(value(result, "hw.cooling.alarm", Map.of("alarm", flag), KEYS))
                .as(flag).isEqualTo(s.alarms().contains(alarm) ? 1.0 : 0.0));
    }

    @Test
    void everyPollReadsTheStateAfresh() {
        CoolingState s = state.get();
        state.set(new CoolingState(s.id(), s.name(), false, -3.46, 40.0, 24.5, 0, 0, 0,
                Set.of(CoolingState.Alarm.WATER_LEAK)));

        PollResult result = session.poll();

        assertThat(value(result, "hw.temperature", Map.of("hw.id", "supply_air"), KEYS))
                .isCloseTo(-3.5, within(1e-9));
        assertThat(value(result, "hw.cooling.running", Map.of(), KEYS)).isZero();
        assertThat(value(result, "hw.cooling.alarm", Map.of("alarm", "water_leak"), KEYS)).isEqualTo(1.0);
        assertThat(value(result, "hw.cooling.alarm", Map.of("alarm", "fan_failure"), KEYS)).isZero();
    }

    @Test
    void aSetpointWriteReachesTheControls() {
        session.control(new ControlRequest("write", "setpoint", Map.of("value", "21.5")));

        assertThat(controls.setpoints).containsExactly(21.5);
        assertThat(value(session.poll(), "hw.temperature.setpoint", Map.of(), KEYS)).isCloseTo(21.5,
                within(1e-9));
    }

    @Test
    void aWriteOutsideTheProfilesRangeIsRefusedByTheDriver() {
        assertThatThrownBy(() -> session.control(new ControlRequest("write", "setpoint", Map.of("value", "35"))))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                        .isEqualTo(DriverErrorKind.CONFIG));
        assertThat(controls.setpoints).isEmpty();
    }

    @Test
    void aWriteTheModelRefusesIsIllegalDataValue() {
        // Inside the profile's 15..30 range, but the model refuses it (say, the unit is in a fault state).
        DeviceControls refusing = new DeviceControls() {
            @Override
            public void setCoolingSetpoint(String coolingId, double celsius) {
                throw new IllegalArgumentException("unit " + coolingId + " refuses " + celsius);
            }

            @Override
            public void setOutlet(String pduId, int outlet, boolean on) {
                throw new UnsupportedOperationException("a cooling unit has no outlets");
            }

            @Override
            public void resetServer(String serverId, ResetType type) {
                throw new UnsupportedOperationException("a cooling unit is not a server");
            }
        };
        try (SimModbusDevice strict = SimModbusDevice.startCooling(CRAC_ID, 0, state, refusing, ProtocolFaults.NONE);
                DeviceSession s = new ModbusDriver().open(target(CRAC_ID, strict.port(), "generic-crac", TIMEOUT, 0))) {
            assertThatThrownBy(() -> s.control(new ControlRequest("write", "setpoint", Map.of("value", "28"))))
                    .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.kind())
                            .isEqualTo(DriverErrorKind.PROTOCOL))
                    .hasMessageContaining("ILLEGAL_DATA_VALUE");
        }
        assertThat(controls.setpoints).isEmpty();
    }

    @Test
    void rawWritesOutsideTheProfilesRangeAreIllegalDataValue() throws Exception {
        try (RawClient client = new RawClient(device.port())) {
            // Function 6, register 100, 35.0 Cel.
            assertThat(client.request(1, 0x06, 0, 100, 350 >> 8, 350 & 0xFF)).containsExactly(0x86, 0x03);
            // Function 16, register 100, one register, 14.9 Cel.
            assertThat(client.request(1, 0x10, 0, 100, 0, 1, 2, 0, 149)).containsExactly(0x90, 0x03);
            // Function 16, registers 100-101: 101 does not exist.
            assertThat(client.request(1, 0x10, 0, 100, 0, 2, 4, 0, 200, 0, 0)).containsExactly(0x90, 0x02);
            // Function 6, 22.0 Cel: echoed.
            assertThat(client.request(1, 0x06, 0, 100, 0, 220)).containsExactly(0x06, 0, 100, 0, 220);
        }
        assertThat(controls.setpoints).containsExactly(22.0);
    }

    @Test
    void otherUnitIdsAreAnsweredLikeAGatewayWithoutTheDevice() {
        try (DeviceSession other = new ModbusDriver().open(target(CRAC_ID, device.port(), 2, "generic-crac",
                TIMEOUT, 0))) {
            PollResult result = other.poll();
            assertThat(result.readings()).isEmpty();
            assertThat(result.errors()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(DriverErrorKind.PROTOCOL);
                assertThat(e.message()).contains("GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND");
            });
        }
    }

    @Test
    void aFailingStateSupplierIsAServerDeviceFailureNotADeadConnection() throws Exception {
        Holder<CoolingState> broken = new Holder<>(null);
        try (SimModbusDevice d = SimModbusDevice.startCooling(CRAC_ID, 0, broken, controls, ProtocolFaults.NONE);
                RawClient client = new RawClient(d.port())) {
            assertThat(client.request(1, 0x04, 0, 0, 0, 1)).containsExactly(0x84, 0x04);
            broken.set(state.get());
            assertThat(client.request(1, 0x04, 0, 2, 0, 1)).containsExactly(0x04, 2, 1430 >> 8, 1430 & 0xFF);
        }
    }
}
