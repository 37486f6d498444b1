package org.dcsuite.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a fault is active on the simulation clock: from {@code start} (empty: the moment it is scheduled) for
 * {@code duration} (empty: until cleared). A timed fault ends by itself.
 */
public record FaultWindow(Optional<Instant> start, Optional<Duration> duration) {

    public FaultWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        duration.ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("fault duration must be greater than zero, got " + d);
            }
        });
    }

    /** From now until cleared. */
    public static FaultWindow untilCleared() {
        return new FaultWindow(Optional.empty(), Optional.empty());
    }

    /** From now for {@code duration}. */
    public static FaultWindow lasting(Duration duration) {
        return new FaultWindow(Optional.empty(), Optional.of(duration));
    }

    /** From {@code start} for {@code duration}. */
    public static FaultWindow between(Instant start, Duration duration) {
        return new FaultWindow(Optional.of(start), Optional.of(duration));
    }

    /** From {@code start} until cleared. */
    public static FaultWindow from(Instant start) {
        return new FaultWindow(Optional.of(start), Optional.empty());
    }

    Instant startOr(Instant now) {
        return start.orElse(now);
    }

    /** The first instant the fault is no longer active; {@link Instant#MAX} when open-ended. */
    Instant endFrom(Instant resolvedStart) {
        return duration.map(resolvedStart::plus).orElse(Instant.MAX);
    }
}
