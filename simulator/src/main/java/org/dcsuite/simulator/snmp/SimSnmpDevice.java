package org.dcsuite.simulator.snmp;

/**
 * What a simulated device serves over SNMP: its objects for the state at the moment of a request. The agent adds
 * the parts every device shares (sysUpTime, snmpEngine).
 */
interface SimSnmpDevice {

    /** Reads the current state once and adds every instance, with the writable ones and their effects. */
    void addTo(SimSnmpMib.Builder mib);
}
