package org.dcsuite.drivers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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

    public Reading {
        if (!SeriesKey.isValidMetricName(metric)) {
            throw new IllegalArgumentException("invalid metric name '" + metric + "'");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        attributes = Map.copyOf(attributes);
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
