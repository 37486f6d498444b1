package org.dcsuite.simulator.snmp;

import java.util.Optional;
import org.dcsuite.simulator.events.SimConditionChange;

/**
 * What a simulated device serves over SNMP: its objects for the state at the moment of a request. The agent adds
 * the parts every device shares (sysUpTime, snmpEngine).
 */
interface SimSnmpDevice {

    /** Reads the current state once and adds every instance, with the writable ones and their effects. */
    void addTo(SimSnmpMib.Builder mib);

    /**
     * The notification the real device sends when the condition starts or ends: its snmpTrapOID and the varbinds
     * after sysUpTime.0 and snmpTrapOID.0; empty when the device's MIB has none for it.
     */
    Optional<SimSnmpNotification> notification(SimConditionChange change);
}
