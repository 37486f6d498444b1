package org.dcsuite.simulator.events;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A manager the simulated SNMP agents notify.
 *
 * @param inform send INFORMs, retried until answered or {@link SimTrapDestinations#INFORM_RETRIES} times; false
 *               sends unconfirmed SNMPv2 traps
 */
public record SimTrapDestination(InetSocketAddress address, boolean inform) {

    public SimTrapDestination {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("trap destination " + address + ": the host does not resolve");
        }
        if (address.getPort() <= 0) {
            throw new IllegalArgumentException("trap destination " + address + ": a port 1-65535 is required");
        }
    }

    /** {@code host:port (trap|inform)}, for lists and logs. */
    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort() + (inform ? " (inform)" : " (trap)");
    }
}
