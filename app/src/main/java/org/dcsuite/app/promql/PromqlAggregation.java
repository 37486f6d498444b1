package org.dcsuite.app.promql;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A cross-series aggregation around a query: {@code sum by (site) (...)}.
 *
 * @param op       how the values of a group at one time become one value
 * @param grouping whether {@code labels} are the labels kept ({@code by}) or dropped ({@code without})
 * @param labels   the labels of the {@code by} or {@code without} clause; empty for {@link Grouping#NONE}
 */
public record PromqlAggregation(Op op, Grouping grouping, List<String> labels) {

    /** The aggregation operators dcsuite supports. */
    public enum Op {
        SUM, AVG, MIN, MAX, COUNT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operator with this name; PromQL keywords are case-insensitive. */
        public static Optional<Op> byId(String id) {
            return Arrays.stream(values()).filter(o -> o.id().equalsIgnoreCase(id)).findFirst();
        }
    }

    /** How the output label set of each group is formed. */
    public enum Grouping {
        /** One group over all series, with no labels. */
        NONE,
        /** Only the listed labels. */
        BY,
        /** Every label except the listed ones and the metric name. */
        WITHOUT
    }

    public PromqlAggregation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(grouping, "grouping");
        labels = List.copyOf(labels);
        if (grouping == Grouping.NONE && !labels.isEmpty()) {
            throw new IllegalArgumentException("labels need 'by' or 'without'");
        }
    }

    @Override
    public String toString() {
        String clause = grouping == Grouping.NONE ? ""
                : " " + grouping.name().toLowerCase(Locale.ROOT) + " (" + String.join(", ", labels) + ")";
        return op.id() + clause;
    }
}
