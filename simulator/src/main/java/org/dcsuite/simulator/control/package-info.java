/**
 * Fault injection while the simulator runs: {@link org.dcsuite.simulator.control.SimFaultInjector} injects any
 * wire, physical or data fault by name and keeps the list of injected faults, and
 * {@link org.dcsuite.simulator.control.SimControlServer} serves it as a small bearer-token HTTP API on 127.0.0.1
 * for {@code dcsuite simulate fault|clear|faults} and for tests.
 */
package org.dcsuite.simulator.control;
