package org.dcsuite.energy.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Writes signals into the store as series ({@code grid.carbon_intensity{site}} in g/kW.h,
 * {@code grid.price{site,currency}} in CUR/kW.h), so dashboards and PromQL see them beside the meters. Only
 * points newer than the latest stored one are appended, so reading a source again never duplicates samples.
 * Constants are written as hourly points over the ranges reported, so charts show them beside varying signals.
 */
public final class SignalRecorder {

    public static final String CARBON_METRIC = "grid.carbon_intensity";
    public static final String PRICE_METRIC = "grid.price";
    public static final Unit CARBON_UNIT = new Unit("g/kW.h");

    private final TelemetryStore store;

    public SignalRecorder(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public static SeriesKey carbonKey(String site) {
        return SeriesKey.of(CARBON_METRIC, "site", site);
    }

    public static SeriesKey priceKey(String site, String currency) {
        return SeriesKey.of(PRICE_METRIC, "site", site, "currency", currency);
    }

    /** Appends a constant at every whole hour in {@code [from, to]}, as {@link #record} does; returns how many. */
    public int recordConstant(SeriesKey key, Unit unit, double value, Instant from, Instant to) {
        long hour = Duration.ofHours(1).toMillis();
        List<SignalSeries.Point> points = new ArrayList<>();
        for (long t = Math.floorDiv(from.toEpochMilli() + hour - 1, hour) * hour; t <= to.toEpochMilli(); t += hour) {
            points.add(new SignalSeries.Point(Instant.ofEpochMilli(t), value));
        }
        return record(key, unit, SignalSeries.of(points));
    }

    /** Appends the points of {@code series} newer than what the store holds for {@code key}; returns how many. */
    public int record(SeriesKey key, Unit unit, SignalSeries series) {
        List<SignalSeries.Point> points = series.points();
        if (points.isEmpty()) {
            return 0;
        }
        store.describe(MetricDescriptor.gauge(key.metric(), unit));
        Instant first = points.getFirst().time();
        Instant last = points.getLast().time();
        Duration span = Duration.between(first, last).plusMillis(1);
        long newest = store.latest(SeriesSelector.parse(key.toString()), last, span).stream()
                .filter(s -> s.series().equals(key))
                .mapToLong(Sample::timeMillis).max().orElse(Long.MIN_VALUE);
        List<Sample> fresh = new ArrayList<>();
        for (SignalSeries.Point p : points) {
            if (p.time().toEpochMilli() > newest) {
                fresh.add(Sample.of(key, p.time(), p.value()));
            }
        }
        if (!fresh.isEmpty()) {
            store.append(fresh);
        }
        return fresh.size();
    }
}
