package org.dcsuite.energy.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads its source at most once per {@code refresh} for the same range, so reports and dashboards do not
 * hammer a provider or re-parse a file; a range outside what was last read is fetched at once.
 */
public final class CachedSignalSource implements SignalSource {

    private final SignalSource source;
    private final Duration refresh;
    private final Clock clock;
    private SignalSeries cached;
    private Instant readAt;
    private Instant cachedFrom;
    private Instant cachedTo;
    private int reads;

    public CachedSignalSource(SignalSource source, Duration refresh, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized SignalSeries read(Instant from, Instant to) throws SignalException {
        Instant now = clock.instant();
        boolean fresh = cached != null && Duration.between(readAt, now).compareTo(refresh) < 0;
        boolean covers = cached != null && (!source.rangeDependent()
                || !from.isBefore(cachedFrom) && !to.isAfter(cachedTo));
        if (fresh && covers) {
            return cached;
        }
        SignalSeries read = source.read(from, to);
        reads++;
        cached = read;
        readAt = now;
        cachedFrom = from;
        cachedTo = to;
        return read;
    }

    /** How many times the source was actually read, for tests and the dashboard's status. */
    public synchronized int reads() {
        return reads;
    }

    @Override
    public boolean rangeDependent() {
        return source.rangeDependent();
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
