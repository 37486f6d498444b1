package org.dcsuite.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored events to read: those with {@code start <= time < end}, optionally of one device and of one site,
 * newest first, at most {@code limit}.
 */
public record EventQuery(Instant start, Instant end, Optional<String> deviceId, Optional<String> site, int limit) {

    /** A page size dashboards and APIs can show at once. */
    public static final int DEFAULT_LIMIT = 1_000;

    public EventQuery {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(site, "site");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    /** Every event in {@code [start, end)}, up to {@link #DEFAULT_LIMIT}. */
    public static EventQuery between(Instant start, Instant end) {
        return new EventQuery(start, end, Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public EventQuery device(String id) {
        return new EventQuery(start, end, Optional.of(id), site, limit);
    }

    public EventQuery site(String id) {
        return new EventQuery(start, end, deviceId, Optional.of(id), limit);
    }

    public EventQuery limit(int max) {
        return new EventQuery(start, end, deviceId, site, max);
    }
}
