package org.dcsuite.core.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each resolution is kept.
 *
 * @param raw           raw samples (default {@link #DEFAULT_RAW})
 * @param minuteRollups 1-minute rollups (default {@link #DEFAULT_MINUTE_ROLLUPS})
 * @param hourRollups   1-hour rollups (default {@link #DEFAULT_HOUR_ROLLUPS})
 */
public record RetentionPolicy(Duration raw, Duration minuteRollups, Duration hourRollups) {

    /** Raw samples: 14 days. */
    public static final Duration DEFAULT_RAW = Duration.ofDays(14);
    /** 1-minute rollups: 1 year. */
    public static final Duration DEFAULT_MINUTE_ROLLUPS = Duration.ofDays(365);
    /** 1-hour rollups: 5 years. */
    public static final Duration DEFAULT_HOUR_ROLLUPS = Duration.ofDays(5 * 365 + 1);

    public static final RetentionPolicy DEFAULT =
            new RetentionPolicy(DEFAULT_RAW, DEFAULT_MINUTE_ROLLUPS, DEFAULT_HOUR_ROLLUPS);

    public RetentionPolicy {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(minuteRollups, "minuteRollups");
        Objects.requireNonNull(hourRollups, "hourRollups");
        if (raw.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("raw retention must be at least 1h, got " + raw);
        }
        if (minuteRollups.compareTo(raw) < 0 || hourRollups.compareTo(minuteRollups) < 0) {
            throw new IllegalArgumentException("retention must not shrink with coarser resolution: raw " + raw
                    + ", 1m rollups " + minuteRollups + ", 1h rollups " + hourRollups);
        }
    }
}
