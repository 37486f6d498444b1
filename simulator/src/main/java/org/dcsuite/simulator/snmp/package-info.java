/**
 * The simulator's SNMP front end: one SNMP4J-core agent per device on its own UDP port
 * ({@link org.dcsuite.simulator.snmp.SimSnmpAgent}), answering GET, GETNEXT, GETBULK and SET over SNMPv1, v2c and
 * v3 USM from a MIB view computed from the device's state on every request. PDUs speak Raritan PDU2-MIB plus
 * ENTITY-SENSOR-MIB, UPSes speak UPS-MIB (RFC 1628), with the OIDs, indexes and scalings the drivers' shipped
 * profiles read. Outlet SETs go to {@link org.dcsuite.simulator.state.DeviceControls}; wire faults come from
 * {@link org.dcsuite.simulator.state.ProtocolFaults} per datagram.
 */
package org.dcsuite.simulator.snmp;
