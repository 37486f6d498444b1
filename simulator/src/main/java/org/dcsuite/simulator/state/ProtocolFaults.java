package org.dcsuite.simulator.state;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a front end acts out on the wire for one device, looked up on every request so that timed faults
 * start and end by themselves. Data faults (a counter reset, a stuck sensor) and physical faults (a failed
 * cooling unit, a tripped breaker) live in the model and show in the states instead.
 */
@FunctionalInterface
public interface ProtocolFaults {

    /** No faults, for every device. */
    ProtocolFaults NONE = deviceId -> Active.NONE;

    Active current(String deviceId);

    /**
     * @param down        answer nothing (TCP: accept and stay silent; UDP: drop; HTTP: never respond)
     * @param latency     added before every answer
     * @param garbage     answer with bytes that are not the protocol
     * @param authFailure reject credentials (SNMP: as a wrong community or unknown v3 user; Redfish: 401;
     *                    Modbus has no authentication and ignores it)
     */
    record Active(boolean down, Duration latency, boolean garbage, boolean authFailure) {

        public static final Active NONE = new Active(false, Duration.ZERO, false, false);

        public Active {
            Objects.requireNonNull(latency, "latency");
        }

        public boolean any() {
            return down || garbage || authFailure || !latency.isZero();
        }
    }
}
