package org.dcsuite.simulator.modbus;

import java.util.Objects;
import java.util.function.Supplier;
import org.dcsuite.simulator.state.WaterMeterState;

/**
 * A water meter on the register map of the driver profile {@code generic-water-meter}
 * (hardware-drivers/src/main/resources/org/dcsuite/drivers/modbus/profiles/generic-water-meter.yaml): addresses,
 * types and scales here must follow that file, and {@code SimModbusFacilityMetersDriverTest} reads them through it.
 */
final class ModbusWaterMeterMap implements ModbusRegisterMap {

    /** Input registers: uint32 count of 0.1 L, most significant word first. */
    static final int VOLUME = 0;
    /** Input register: uint16 in 0.1 L/h. */
    static final int FLOW_RATE = 2;
    /** Multiplied rather than divided by the 0.1 L scale, so that a whole number of decilitres stays whole. */
    static final int DECILITRES_PER_L = 10;
    static final double FLOW_SCALE_L_PER_H = 0.1;

    private final Supplier<WaterMeterState> state;

    ModbusWaterMeterMap(Supplier<WaterMeterState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public ModbusRegisterBlock read(ModbusTable table) {
        if (table != ModbusTable.INPUT) {
            return ModbusRegisterBlock.EMPTY;
        }
        WaterMeterState s = state.get();
        int[] r = new int[FLOW_RATE + 1];
        // A totaliser shows the whole units it has counted: truncated, never rounded up ahead of the water.
        ModbusWords.uint32((long) Math.floor(s.volumeL() * DECILITRES_PER_L), r, VOLUME);
        r[FLOW_RATE] = ModbusWords.uint16(s.flowLPerH(), FLOW_SCALE_L_PER_H);
        return new ModbusRegisterBlock(0, r);
    }

    /** A meter's totaliser cannot be written over Modbus. */
    @Override
    public void writeRegisters(int address, int[] values) throws SimModbusException {
        throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS, "the water meter has no holding "
                + "registers");
    }
}
