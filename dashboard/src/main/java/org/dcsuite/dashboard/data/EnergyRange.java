package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ranges the energy views offer, with the short ids of bookmarkable URLs ({@code ?range=30d}) and the step of
 * their trends: hourly for a day, daily beyond (day steps start at midnight in each site's time zone).
 */
public enum EnergyRange {
    LAST_24_HOURS("24h", "Last 24 h", Duration.ofHours(1), ChartRange.HOURS_24),
    LAST_7_DAYS("7d", "Last 7 days", Duration.ofDays(1), ChartRange.DAYS_7),
    LAST_30_DAYS("30d", "Last 30 days", Duration.ofDays(1), ChartRange.DAYS_30),
    THIS_MONTH("month", "This month", Duration.ofDays(1), ChartRange.DAYS_30);

    /** What the views show until the viewer picks another range. */
    public static final EnergyRange DEFAULT = LAST_24_HOURS;

    private final String id;
    private final String label;
    private final Duration step;
    private final ChartRange chartRange;

    EnergyRange(String id, String label, Duration step, ChartRange chartRange) {
        this.id = id;
        this.label = label;
        this.step = step;
        this.chartRange = chartRange;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The step of the per-step figures and trends. */
    public Duration step() {
        return step;
    }

    /** The chart range whose length the trend charts span (a month is drawn as 30 days at most). */
    public ChartRange chartRange() {
        return chartRange;
    }

    /** Where the range starts when it ends at {@code now}; a month starts at midnight on the 1st in {@code zone}. */
    public Instant start(Instant now, ZoneId zone) {
        if (this == THIS_MONTH) {
            return now.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        }
        return now.minus(chartRange.length());
    }

    /** The range with this id; empty for anything else (a hand-edited URL). */
    public static Optional<EnergyRange> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
