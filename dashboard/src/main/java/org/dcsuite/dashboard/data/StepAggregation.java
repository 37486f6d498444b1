package org.dcsuite.dashboard.data;

import java.util.Arrays;
import java.util.Optional;
import org.dcsuite.core.store.Aggregation;

/** How the samples of one chart step become its point, as the Explore view offers it (ids as in URLs). */
public enum StepAggregation {
    AVG("avg", "average", Aggregation.AVG),
    MIN("min", "minimum", Aggregation.MIN),
    MAX("max", "maximum", Aggregation.MAX),
    LAST("last", "last value", Aggregation.LAST),
    /** The per-second rate of a counter; the axis unit gets {@code /s}. */
    RATE("rate", "rate per second", Aggregation.RATE);

    private final String id;
    private final String text;
    private final Aggregation store;

    StepAggregation(String id, String text, Aggregation store) {
        this.id = id;
        this.text = text;
        this.store = store;
    }

    public String id() {
        return id;
    }

    /** For people: {@code average}, {@code rate per second}. */
    public String text() {
        return text;
    }

    Aggregation store() {
        return store;
    }

    /** The aggregation with this id; empty for anything else (a hand-edited URL). */
    public static Optional<StepAggregation> fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
