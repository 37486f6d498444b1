package org.dcsuite.simulator.modbus;

/**
 * A contiguous run of one table, from {@code start} on: registers as 16-bit values, bits as 0 or 1. Addresses in
 * the run that a profile does not name read as 0, as on most devices; addresses outside it are
 * {@code ILLEGAL_DATA_ADDRESS}.
 */
record ModbusRegisterBlock(int start, int[] values) {

    /** A table the device does not implement. */
    static final ModbusRegisterBlock EMPTY = new ModbusRegisterBlock(0, new int[0]);

    boolean covers(int address, int count) {
        return address >= start && address + count <= start + values.length;
    }
}
