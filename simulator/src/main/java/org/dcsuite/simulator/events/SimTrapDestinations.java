package org.dcsuite.simulator.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where every simulated SNMP agent sends its notifications, changeable while the simulator runs (the control
 * API's {@code /trap-destinations}). Empty by default: a simulator nobody asked to notify sends nothing.
 * Thread-safe; agents read it for every notification.
 */
public final class SimTrapDestinations {

    /** Retransmissions of an unanswered INFORM before it is given up, as net-snmp's default. */
    public static final int INFORM_RETRIES = 5;
    /** Time to wait for an INFORM's response before each retransmission. */
    public static final Duration INFORM_TIMEOUT = Duration.ofSeconds(1);

    private final CopyOnWriteArrayList<SimTrapDestination> destinations = new CopyOnWriteArrayList<>();

    /** Adds a destination; adding one already present changes nothing. */
    public void add(SimTrapDestination destination) {
        destinations.addIfAbsent(java.util.Objects.requireNonNull(destination, "destination"));
    }

    /** Removes a destination; true when it was there. */
    public boolean remove(SimTrapDestination destination) {
        return destinations.remove(destination);
    }

    public void clear() {
        destinations.clear();
    }

    /** The destinations now, in the order they were added. */
    public List<SimTrapDestination> list() {
        return List.copyOf(destinations);
    }
}
