package org.dcsuite.simulator.modbus;

/**
 * What one simulated device serves: its tables as of now and its writable points. The server checks function
 * codes, quantities and addresses against the blocks; the map decides what a value means.
 */
interface ModbusRegisterMap {

    /**
     * The table's block built from one state snapshot, so that the registers of one read (a value and its scale
     * factor, the two words of a float) are always consistent with each other.
     */
    ModbusRegisterBlock read(ModbusTable table);

    /**
     * Writes registers (function 6 or 16) already checked to lie in the holding block.
     *
     * @throws SimModbusException ILLEGAL_DATA_ADDRESS for a read-only register, ILLEGAL_DATA_VALUE for a value the
     *                            point does not accept
     */
    void writeRegisters(int address, int[] values) throws SimModbusException;

    /**
     * Writes coils (function 5 or 15) already checked to lie in the coil block. Neither shipped profile has a
     * coil, so by default every coil is read-only.
     */
    default void writeCoils(int address, boolean[] values) throws SimModbusException {
        throw new SimModbusException(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS, "coil " + address + " is read-only");
    }
}
