package org.dcsuite.simulator.modbus;

/** The four Modbus data tables, each with its own address space. */
enum ModbusTable {
    COIL, DISCRETE, INPUT, HOLDING
}
