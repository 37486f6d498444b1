/**
 * The simulator's physical model: one chain from IT load to facility power drives every simulated device.
 *
 * <p>A server's IT load (a daily profile by the site's local time, seeded noise and deferrable batch jobs)
 * becomes PSU input power, PDU outlet and phase power, UPS output and losses, heat in the room, cooling
 * power through a COP that falls as the outside warms, and finally facility power at the meter. Room air
 * follows a first-order heat balance, so inlet temperatures react to cooling failures and setpoint writes.
 * The model integrates in fixed one-second steps of the simulation clock, which makes every state a pure
 * function of the seed, the configuration, and the clock readings and control actions it was given.
 *
 * <p>{@link org.dcsuite.simulator.model.SimulatedFleet} is the entry point; the protocol front ends read its
 * states and pass control actions through {@link org.dcsuite.simulator.state.DeviceControls}, and look up
 * wire-level faults in a {@link org.dcsuite.simulator.model.FaultSchedule}.
 */
package org.dcsuite.simulator.model;
