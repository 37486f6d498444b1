package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a chart draws: shared time stamps and one value list per series, gaps as {@code NaN}.
 *
 * @param unit        the unit of every series, for the axis label ({@code kW})
 * @param range       the range shown
 * @param step        the distance between points
 * @param source      whether the store answered from raw samples or from which rollup
 * @param timesMillis the end of each step, epoch milliseconds (the chart shows them in the viewer's time zone)
 * @param series      the series, each with as many values as {@code timesMillis}
 */
public record ChartData(String unit, ChartRange range, Duration step, Source source, List<Long> timesMillis,
        List<Series> series) {

    public ChartData {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(source, "source");
        timesMillis = List.copyOf(timesMillis);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != timesMillis.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().size()
                        + " values for " + timesMillis.size() + " time stamps");
            }
        }
    }

    /**
     * One line of the chart.
     *
     * @param name   the legend text
     * @param values one per time stamp, {@code NaN} where nothing was stored
     */
    public record Series(String name, List<Double> values) {

        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /** Where the store reads a query's buckets from (docs/storage.md, "Rollups"). */
    public enum Source {
        /** Raw samples: the step is not a whole number of minutes. */
        RAW,
        /** {@code rollup_1m}: step and start are whole minutes. */
        MINUTE_ROLLUP,
        /** {@code rollup_1h}: step and start are whole hours. */
        HOUR_ROLLUP
    }
}
