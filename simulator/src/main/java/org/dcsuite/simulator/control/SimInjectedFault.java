package org.dcsuite.simulator.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.time.Durations;
import org.dcsuite.simulator.state.Feed;

/**
 * A fault as injected, with its window resolved on the simulation clock.
 *
 * @param target  the device, or the site for feed loss
 * @param type    the fault
 * @param start   when it began or begins
 * @param end     the first instant it is over; empty: until cleared. A counter reset ends where it starts.
 * @param latency for {@code slow}
 * @param phase   for {@code breaker_tripped} and {@code overload}; empty: all phases
 * @param feed    for {@code feed_lost}
 */
public record SimInjectedFault(String target, SimFaultType type, Instant start, Optional<Instant> end,
        Optional<Duration> latency, Optional<String> phase, Optional<Feed> feed) {

    public SimInjectedFault {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(feed, "feed");
    }

    /** Whether the fault is still active or still to come at {@code now}. */
    public boolean pendingOrActiveAt(Instant now) {
        return type == SimFaultType.COUNTER_RESET ? now.isBefore(start) : end.map(now::isBefore).orElse(true);
    }

    /** "from T until T2" or "from T until cleared", for audit lines and the CLI. */
    public String window() {
        if (type == SimFaultType.COUNTER_RESET) {
            return "at " + start;
        }
        return "from " + start + " until " + end.map(Instant::toString).orElse("cleared");
    }

    /** The options in words, e.g. "latency 2s", "phase L1", "feed A"; empty when there are none. */
    public String details() {
        StringBuilder sb = new StringBuilder();
        latency.ifPresent(l -> sb.append("latency ").append(Durations.format(l)));
        phase.ifPresent(p -> sb.append("phase ").append(p));
        feed.ifPresent(f -> sb.append("feed ").append(f.name()));
        return sb.toString();
    }
}
