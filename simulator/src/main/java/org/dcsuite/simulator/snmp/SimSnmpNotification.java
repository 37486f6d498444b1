package org.dcsuite.simulator.snmp;

import java.util.List;
import java.util.Objects;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * One notification a device's MIB defines, before the agent puts sysUpTime.0 and snmpTrapOID.0 in front.
 *
 * @param name the notification's name in its MIB, for logs
 */
record SimSnmpNotification(OID trapOid, String name, List<VariableBinding> varbinds) {

    SimSnmpNotification {
        Objects.requireNonNull(trapOid, "trapOid");
        Objects.requireNonNull(name, "name");
        varbinds = List.copyOf(varbinds);
    }
}
