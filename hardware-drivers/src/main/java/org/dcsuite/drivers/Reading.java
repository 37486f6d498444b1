package org.dcsuite.drivers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;

/**
 * One value read from a device, named after the OpenTelemetry hardware conventions ({@code hw.power} in W,
 * {@code hw.temperature} in Cel, ...) with attributes such as {@code hw.id}, {@code hw.type},
 * {@code hw.name} and {@code hw.parent}. The collectors add the topology ({@code site}, {@code rack},
 * {@code device}).
 */
public record Reading(String metric, Unit unit, MetricKind kind, double value, Map<String, String> attributes,
        Instant time) {

    /**
     * Metric names seen valid before. Drivers emit the same few names on every poll, and matching the name pattern
     * cost more than the rest of a reading; looking up a name a driver passes again costs its cached hash and an
     * identity comparison.
     */
    private static final Set<String> VALID_METRIC_NAMES = ConcurrentHashMap.newKeySet();
    /** Bounds the set, so a caller making up names cannot grow it without end; later names are matched each time. */
    private static final int VALID_METRIC_NAMES_LIMIT = 4096;

    public Reading {
        if (!validMetricName(metric)) {
            throw new IllegalArgumentException("invalid metric name '" + metric + "'");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        attributes = Map.copyOf(attributes);
    }

    private static boolean validMetricName(String metric) {
        if (metric == null) {
            return false;
        }
        if (VALID_METRIC_NAMES.contains(metric)) {
            return true;
        }
        if (!SeriesKey.isValidMetricName(metric)) {
            return false;
        }
        if (VALID_METRIC_NAMES.size() < VALID_METRIC_NAMES_LIMIT) {
            VALID_METRIC_NAMES.add(metric);
        }
        return true;
    }

    public static Reading gauge(String metric, Unit unit, double value, Map<String, String> attributes, Instant time) {
        return new Reading(metric, unit, MetricKind.GAUGE, value, attributes, time);
    }

    /** The series this reading belongs to once the extra (topology) attributes are added. */
    public SeriesKey seriesKey(Map<String, String> extraAttributes) {
        TreeMap<String, String> all = new TreeMap<>(attributes);
        all.putAll(extraAttributes);
        return SeriesKey.of(metric, all);
    }
}
