package org.dcsuite.app.promql;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dcsuite.core.store.Point;

/**
 * One series of a query result. Labels are a plain map because functions and aggregations may drop the
 * metric name; when kept it is the {@code __name__} entry.
 */
public record PromqlSeries(SortedMap<String, String> labels, List<Point> points) {

    public PromqlSeries {
        Objects.requireNonNull(labels, "labels");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        points = List.copyOf(points);
    }
}
