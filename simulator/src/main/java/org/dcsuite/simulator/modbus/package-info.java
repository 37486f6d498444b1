/**
 * The simulator's Modbus TCP front end: one listener per simulated device on loopback, serving the register maps of
 * the driver profiles shipped in hardware-drivers ({@code generic-crac}, {@code sunspec-meter}) from the states the
 * model supplies, and acting out the wire faults of {@link org.dcsuite.simulator.state.ProtocolFaults}.
 *
 * <p>The server is written on plain sockets, not on j2mod's slave, so that a fault can be acted out per request:
 * a device that is down reads requests and never answers, latency is slept before an answer is computed, garbage is
 * a random frame no client can take for an answer.
 *
 * <p>Unit ids: a device answers unit id {@value org.dcsuite.simulator.modbus.SimModbusDevice#UNIT_ID} only and
 * answers any other with exception {@code GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND}, as a Modbus gateway does for
 * a missing serial device; a site configuration with a wrong {@code ?unit=} thus fails at once and by name, instead
 * of reading a device it did not mean.
 *
 * <p>Start a device with {@link org.dcsuite.simulator.modbus.SimModbusDevice#startCooling} or
 * {@link org.dcsuite.simulator.modbus.SimModbusDevice#startMeter}.
 */
package org.dcsuite.simulator.modbus;
