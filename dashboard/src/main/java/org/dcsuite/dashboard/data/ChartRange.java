package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The time ranges a chart offers, with the short ids used in bookmarkable URLs ({@code ?range=24h}). */
public enum ChartRange {
    MINUTES_15("15m", Duration.ofMinutes(15)),
    HOUR_1("1h", Duration.ofHours(1)),
    HOURS_6("6h", Duration.ofHours(6)),
    HOURS_24("24h", Duration.ofHours(24)),
    DAYS_7("7d", Duration.ofDays(7)),
    DAYS_30("30d", Duration.ofDays(30));

    /** What a chart shows until the viewer picks another range. */
    public static final ChartRange DEFAULT = HOURS_24;

    private final String id;
    private final Duration length;

    ChartRange(String id, Duration length) {
        this.id = id;
        this.length = length;
    }

    public String id() {
        return id;
    }

    public Duration length() {
        return length;
    }

    /** The range with this id; empty for anything else (a hand-edited URL). */
    public static Optional<ChartRange> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
