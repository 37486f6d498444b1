/**
 * The simulator's Redfish front end: one BMC per simulated server, serving DMTF Redfish (service root,
 * Chassis with both the legacy Power/Thermal and the newer subsystem/Sensors schemas, Systems with
 * {@code ComputerSystem.Reset}, SessionService) over HTTP or HTTPS on loopback. Values come from a
 * {@code Supplier<ServerState>} at request time; resets go to
 * {@link org.dcsuite.simulator.state.DeviceControls}; wire faults come from
 * {@link org.dcsuite.simulator.state.ProtocolFaults}. Start one with {@link SimRedfishServer#builder}.
 */
package org.dcsuite.simulator.redfish;
