package org.dcsuite.slo.definition;

import java.time.Instant;
import java.util.Objects;

/**
 * A declared maintenance window: the whole minutes ending in {@code (from, to]} count neither as good nor as
 * bad, in events and in time slices.
 */
public record Exclusion(Instant from, Instant to, String reason) {

    public Exclusion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("an exclusion must end after it starts");
        }
    }

    /** Whether the minute ending at {@code minuteEndMillis} is excluded. */
    public boolean covers(long minuteEndMillis) {
        return minuteEndMillis > from.toEpochMilli() && minuteEndMillis <= to.toEpochMilli();
    }
}
