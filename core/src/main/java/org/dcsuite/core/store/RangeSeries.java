package org.dcsuite.core.store;

import java.util.List;
import java.util.Objects;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;

/** One series of a query result: its key, unit and points in time order. */
public record RangeSeries(SeriesKey series, Unit unit, List<Point> points) {

    public RangeSeries {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(unit, "unit");
        points = List.copyOf(points);
    }
}
