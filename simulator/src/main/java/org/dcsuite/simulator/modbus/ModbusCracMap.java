package org.dcsuite.simulator.modbus;

import java.util.Objects;
import java.util.function.Supplier;
import org.dcsuite.simulator.state.CoolingState;
import org.dcsuite.simulator.state.DeviceControls;

/**
 * A CRAC/CRAH unit on the register map of the driver profile {@code generic-crac}
 * (hardware-drivers/src/main/resources/org/dcsuite/drivers/modbus/profiles/generic-crac.yaml): addresses, types,
 * word order and scales here must follow that file, and {@code SimModbusCracDriverTest} reads them through it.
 */
final class ModbusCracMap implements ModbusRegisterMap {

    // Input registers 0-10; 5-9 are unused and read as 0 so that the driver's merged read 0+11 is answered.
    static final int SUPPLY_AIR = 0;
    static final int RETURN_AIR = 1;
    static final int FAN_SPEED = 2;
    /** float32, low word first (CDAB). */
    static final int COOLING_POWER = 3;
    static final int ALARMS = 10;
    /** Holding register, int16 x 0.1 Cel, writable within {@link #SETPOINT_MIN_C}..{@link #SETPOINT_MAX_C}. */
    static final int SETPOINT = 100;
    /** Discrete input. */
    static final int RUNNING = 0;
    /** The profile's {@code writable} range of the setpoint. */
    static final double SETPOINT_MIN_C = 15.0;
    static final double SETPOINT_MAX_C = 30.0;
    /** Temperatures in 0.1 Cel. */
    static final double TEMPERATURE_SCALE = 0.1;

    private final String deviceId;
    private final Supplier<CoolingState> state;
    private final DeviceControls controls;

    ModbusCracMap(String deviceId, Supplier<CoolingState> state, DeviceControls controls) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.state = Objects.requireNonNull(state, "state");
        this.controls = Objects.requireNonNull(controls, "controls");
    }

    @Override
    public ModbusRegisterBlock read(ModbusTable table) {
        return switch (table) {
            case INPUT -> inputRegisters(state.get());
            case HOLDING -> new ModbusRegisterBlock(SETPOINT,
                    new int[] {ModbusWords.int16(state.get().setpointC(), TEMPERATURE_SCALE)});
            case DISCRETE -> new ModbusRegisterBlock(RUNNING, new int[] {state.get().running() ? 1 : 0});
            case COIL -> ModbusRegisterBlock.EMPTY;
        };
    }

    private static ModbusRegisterBlock inputRegisters(CoolingState s) {
        int[] r = new int[ALARMS + 1];
        r[SUPPLY_AIR] = ModbusWords.int16(s.supplyC(), TEMPERATURE_SCALE);
        r[RETURN_AIR] = ModbusWords.int16(s.returnC(), TEMPERATURE_SCALE);
        r[FAN_SPEED] = ModbusWords.uint16(s.fanRpm(), 1);
        ModbusWords.float32(s.coolingPowerW(), true, r, COOLING_POWER);
        r[ALARMS] = alarmBits(s);
        return new ModbusRegisterBlock(0, r);
    }

    /** The profile's flag numbers, spelled out rather than taken from the enum's order, which may change. */
    static int alarmBits(CoolingState s) {
        int bits = 0;
        for (CoolingState.Alarm alarm : s.alarms()) {
            bits |= 1 << switch (alarm) {
                case HIGH_SUPPLY_TEMPERATURE -> 0;
                case HIGH_RETURN_TEMPERATURE -> 1;
                case FAN_FAILURE -> 2;
                case FILTER_CLOGGED -> 3;
                case WATER_LEAK -> 4;
                case COMPRESSOR_FAULT -> 5;
            };
        }
        return bits;
    }

    @Override
    public void writeRegisters(int address, int[] values) throws SimModbusException {
        // The server has checked the range against the holding block, which is the setpoint alone.
        // Divided rather than multiplied by the 0.1 scale so that 215 is exactly 21.5.
        double celsius = (short) values[0] / 10.0;
        if (celsius < SETPOINT_MIN_C - 1e-9 || celsius > SETPOINT_MAX_C + 1e-9) {
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, "setpoint " + celsius
                    + " Cel is outside " + SETPOINT_MIN_C + ".." + SETPOINT_MAX_C);
        }
        try {
            controls.setCoolingSetpoint(deviceId, celsius);
        } catch (IllegalArgumentException e) {
            // The model may hold a narrower range than the profile; the device refuses the value either way.
            throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_VALUE, e.getMessage());
        }
    }
}
