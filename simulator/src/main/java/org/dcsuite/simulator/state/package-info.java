/**
 * What each simulated device reports at one instant: immutable values produced by the physical model and
 * served by the protocol front ends (Modbus, SNMP, Redfish). Front ends depend only on these values,
 * {@link org.dcsuite.simulator.state.DeviceControls} and {@link org.dcsuite.simulator.state.ProtocolFaults},
 * never on the physics.
 *
 * <p>Units are SI as the devices' own protocols would carry them after scaling: W, J (counters), V, A, Hz,
 * Cel, {rpm}, %, s.
 */
package org.dcsuite.simulator.state;
