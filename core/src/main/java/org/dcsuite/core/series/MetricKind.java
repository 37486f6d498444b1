package org.dcsuite.core.series;

/** How a metric's values behave over time, which decides the aggregations that make sense for it. */
public enum MetricKind {
    /** A value that goes up and down (temperature, power). */
    GAUGE,
    /** A monotonically increasing total that may reset to zero (energy, request count). */
    COUNTER,
    /** Not declared; treated as a gauge. */
    UNKNOWN
}
