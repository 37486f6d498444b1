package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The last result of an expensive build, reused while it is younger than a maximum age, so that many open screens
 * refreshing at once cost one store read per age instead of one each. Thread-safe; concurrent callers of a stale
 * snapshot wait for one build instead of all building.
 */
final class Snapshot<T> {

    private final Clock clock;
    private final Duration maxAge;
    private final Supplier<T> build;
    private T value;
    private Instant builtAt = Instant.MIN;

    Snapshot(Clock clock, Duration maxAge, Supplier<T> build) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.build = build;
    }

    synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(builtAt.plus(maxAge)) || now.isBefore(builtAt)) {
            value = build.get();
            builtAt = now;
        }
        return value;
    }
}
