package org.dcsuite.core.series;

import java.util.Objects;

/**
 * What a metric is: its name, unit (a UCUM code as the OpenTelemetry conventions use) and kind.
 * Stores record the unit on every series of the metric.
 */
public record MetricDescriptor(String name, Unit unit, MetricKind kind, String description) {

    public MetricDescriptor {
        if (!SeriesKey.isValidMetricName(name)) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
    }

    public static MetricDescriptor gauge(String name, Unit unit) {
        return new MetricDescriptor(name, unit, MetricKind.GAUGE, "");
    }

    public static MetricDescriptor counter(String name, Unit unit) {
        return new MetricDescriptor(name, unit, MetricKind.COUNTER, "");
    }
}
