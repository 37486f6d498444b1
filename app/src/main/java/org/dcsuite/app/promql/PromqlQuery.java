package org.dcsuite.app.promql;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.time.Durations;

/**
 * A parsed query: a selector, optionally inside a range function, optionally inside a cross-series
 * aggregation. Read one with {@link PromqlParser#parse}.
 *
 * @param selector    the series read
 * @param function    the range function, or empty for a plain selector (instant-vector semantics)
 * @param range       the function's range ({@code [5m]}), or {@link #LOOKBACK} for a plain selector
 * @param aggregation the cross-series aggregation around it, if any
 */
public record PromqlQuery(SeriesSelector selector, Optional<PromqlFunction> function, Duration range,
        Optional<PromqlAggregation> aggregation) {

    /** How far back a plain selector looks for the last sample: Prometheus's default lookback delta. */
    public static final Duration LOOKBACK = Duration.ofMinutes(5);

    public PromqlQuery {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(aggregation, "aggregation");
        if (range.toMillis() <= 0) {
            throw new IllegalArgumentException("range must be at least 1ms, got " + range);
        }
    }

    /** The store aggregation evaluating each window: the function's, or the last sample for a selector. */
    public Aggregation storeAggregation() {
        return function.map(PromqlFunction::aggregation).orElse(Aggregation.LAST);
    }

    /** Whether per-series results keep {@code __name__} (before any cross-series aggregation). */
    public boolean keepsMetricName() {
        return function.map(PromqlFunction::keepsMetricName).orElse(true);
    }

    /** The query in canonical PromQL form. */
    @Override
    public String toString() {
        String inner = function.map(f -> f.id() + "(" + selector + "[" + Durations.format(range) + "])")
                .orElse(selector.toString());
        return aggregation.map(a -> a + " (" + inner + ")").orElse(inner);
    }
}
