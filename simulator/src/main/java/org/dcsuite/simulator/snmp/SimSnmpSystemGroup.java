package org.dcsuite.simulator.snmp;

import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** SNMPv2-MIB (RFC 3418) system group objects that describe the device itself. */
final class SimSnmpSystemGroup {

    /** sysDescr: a textual description of the device. */
    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1");
    /** sysObjectID: the vendor's identification, which drivers use to pick a profile. */
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2");
    /** sysUpTime: hundredths of a second since the agent started. */
    static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3");
    /** sysContact. */
    static final OID SYS_CONTACT = new OID("1.3.6.1.2.1.1.4");
    /** sysName: the device's administrative name. */
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5");
    /** sysLocation. */
    static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6");
    /** sysServices: a bit per layer; 72 = application (64) + end-to-end (8), as PDU and UPS cards report. */
    static final OID SYS_SERVICES = new OID("1.3.6.1.2.1.1.7");

    private static final int SERVICES = 72;

    private SimSnmpSystemGroup() {
    }

    /** Adds the device-specific system objects; sysUpTime is the agent's. */
    static void add(SimSnmpMib.Builder mib, String descr, OID objectId, String name) {
        mib.scalar(SYS_DESCR, new OctetString(descr))
                .scalar(SYS_OBJECT_ID, objectId)
                .scalar(SYS_CONTACT, new OctetString("dcsuite simulator"))
                .scalar(SYS_NAME, new OctetString(name))
                .scalar(SYS_LOCATION, new OctetString("simulated"))
                .scalar(SYS_SERVICES, new Integer32(SERVICES));
    }
}
