package org.dcsuite.slo.definition;

import java.util.Arrays;
import java.util.Optional;

/** OpenSLO's comparison operators. */
public enum Comparison {
    LT("lt"), LTE("lte"), GT("gt"), GTE("gte");

    private final String id;

    Comparison(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean test(double value, double bound) {
        return switch (this) {
            case LT -> value < bound;
            case LTE -> value <= bound;
            case GT -> value > bound;
            case GTE -> value >= bound;
        };
    }

    public static Optional<Comparison> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.id.equalsIgnoreCase(text)).findFirst();
    }
}
