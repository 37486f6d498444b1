package org.dcsuite.core.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the samples of one series inside one window become one value. */
public enum Aggregation {
    AVG, MIN, MAX, SUM, COUNT,
    /** The sample with the latest timestamp in the window. */
    LAST,
    /** Per-second increase of a counter, resets and extrapolation handled as Prometheus's {@code rate()}. */
    RATE,
    /** Increase of a counter, resets and extrapolation handled as Prometheus's {@code increase()}. */
    INCREASE;

    /** The lower-case name used in the CLI, configuration and API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the aggregation reads counter increases (and so needs at least two samples a window). */
    public boolean isCounterFunction() {
        return this == RATE || this == INCREASE;
    }

    /**
     * Parses a lower- or upper-case name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Aggregation parse(String text) {
        for (Aggregation a : values()) {
            if (a.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown aggregation '" + text + "': use one of "
                + Arrays.stream(values()).map(Aggregation::id).collect(Collectors.joining(", ")));
    }
}
