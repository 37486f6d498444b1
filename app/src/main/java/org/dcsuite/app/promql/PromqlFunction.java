package org.dcsuite.app.promql;

import java.util.Arrays;
import java.util.Optional;
import org.dcsuite.core.store.Aggregation;

/** The PromQL range-vector functions dcsuite evaluates, each backed by one store {@link Aggregation}. */
public enum PromqlFunction {
    RATE("rate", Aggregation.RATE),
    INCREASE("increase", Aggregation.INCREASE),
    AVG_OVER_TIME("avg_over_time", Aggregation.AVG),
    MIN_OVER_TIME("min_over_time", Aggregation.MIN),
    MAX_OVER_TIME("max_over_time", Aggregation.MAX),
    SUM_OVER_TIME("sum_over_time", Aggregation.SUM),
    COUNT_OVER_TIME("count_over_time", Aggregation.COUNT),
    LAST_OVER_TIME("last_over_time", Aggregation.LAST);

    private final String id;
    private final Aggregation aggregation;

    PromqlFunction(String id, Aggregation aggregation) {
        this.id = id;
        this.aggregation = aggregation;
    }

    /** The name as written in a query. */
    public String id() {
        return id;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /**
     * Whether the result keeps the metric name: Prometheus drops it for every function except
     * {@code last_over_time}, which only picks existing samples, as an offset would.
     */
    public boolean keepsMetricName() {
        return this == LAST_OVER_TIME;
    }

    /** The function with this exact (case-sensitive, as in PromQL) name. */
    public static Optional<PromqlFunction> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
