package org.dcsuite.collectors.events;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Lets a repeated warning through at most once per interval, telling it how many were held back since, so a storm
 * of failures leaves a readable log and an exact count.
 */
final class RateLimitedLog {

    private final Clock clock;
    private final long intervalMillis;
    private long nextMillis = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Calls {@code log} with the number of calls held back since it last ran, or counts this one as held back. */
    synchronized void run(LongConsumer log) {
        long now = clock.millis();
        if (now < nextMillis) {
            suppressed++;
            return;
        }
        nextMillis = now + intervalMillis;
        long held = suppressed;
        suppressed = 0;
        log.accept(held);
    }
}
