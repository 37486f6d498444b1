package org.dcsuite.simulator.modbus;

import java.util.Objects;
import java.util.function.Supplier;
import org.dcsuite.simulator.state.HeatMeterState;

/**
 * A heat meter on the register map of the driver profile {@code generic-heat-meter}
 * (hardware-drivers/src/main/resources/org/dcsuite/drivers/modbus/profiles/generic-heat-meter.yaml): addresses,
 * types and scales here must follow that file, and {@code SimModbusFacilityMetersDriverTest} reads them through it.
 */
final class ModbusHeatMeterMap implements ModbusRegisterMap {

    /** Input registers: uint32 in Wh, most significant word first. */
    static final int ENERGY = 0;
    /** Input registers: uint32 in W, most significant word first. */
    static final int POWER = 2;
    static final double J_PER_WH = 3600.0;

    private final Supplier<HeatMeterState> state;

    ModbusHeatMeterMap(Supplier<HeatMeterState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public ModbusRegisterBlock read(ModbusTable table) {
        if (table != ModbusTable.INPUT) {
            return ModbusRegisterBlock.EMPTY;
        }
        HeatMeterState s = state.get();
        int[] r = new int[POWER + 2];
        // A totaliser shows the whole units it has counted: truncated, never rounded up ahead of the heat.
        ModbusWords.uint32((long) Math.floor(s.energyJ() / J_PER_WH), r, ENERGY);
        ModbusWords.uint32(Math.round(s.powerW()), r, POWER);
        return new ModbusRegisterBlock(0, r);
    }

    /** A meter's totaliser cannot be written over Modbus. */
    @Override
    public void writeRegisters(int address, int[] values) throws SimModbusException {
        throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS, "the heat meter has no holding "
                + "registers");
    }
}
