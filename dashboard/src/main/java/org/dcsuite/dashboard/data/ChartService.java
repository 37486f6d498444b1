package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.LabelMatcher;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Series over time for the charts. The step is the finest of {@link #STEPS} that keeps a range under
 * {@link #MAX_POINTS} points; steps of whole minutes (hours) with the start aligned to the step let the store answer
 * from its 1-minute (1-hour) rollups, so 30 days cost about as much as 15 minutes. Power is averaged per step and
 * shown in kW. Blocking: call it off the UI lock.
 */
public final class ChartService {

    /** Few enough points for a quick transfer and drawing, more than a wide screen has pixels per series. */
    public static final int MAX_POINTS = 1000;
    /**
     * The steps on offer, finest first. 10 s is the collectors' default poll interval (finer steps would show gaps);
     * the others are whole minutes or hours so the rollups answer.
     */
    public static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6));
    private static final double WATTS_PER_KW = 1000.0;
    private static final String KW = "kW";

    private final List<Site> sites;
    private final Map<String, DeviceLocation> byDevice = new HashMap<>();
    private final TelemetryStore store;
    private final Clock clock;

    public ChartService(List<Site> sites, TelemetryStore store, Clock clock) {
        this.sites = List.copyOf(sites);
        this.sites.forEach(s -> s.locations().forEach(l -> byDevice.put(l.device().id(), l)));
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The step for a range: the finest of {@link #STEPS} giving at most {@link #MAX_POINTS} points. */
    public static Duration step(ChartRange range) {
        for (Duration step : STEPS) {
            if (range.length().toMillis() / step.toMillis() + 1 <= MAX_POINTS) {
                return step;
            }
        }
        throw new IllegalStateException("no step keeps " + range.id() + " under " + MAX_POINTS + " points");
    }

    /** Which store table answers a step whose start is aligned to it. */
    public static ChartData.Source source(Duration step) {
        if (step.toMillis() % Duration.ofHours(1).toMillis() == 0) {
            return ChartData.Source.HOUR_ROLLUP;
        }
        return step.toMillis() % Duration.ofMinutes(1).toMillis() == 0 ? ChartData.Source.MINUTE_ROLLUP
                : ChartData.Source.RAW;
    }

    /** The query a range becomes now: ending at the last whole step, starting a range earlier, both aligned. */
    public RangeQuery query(SeriesSelector selector, ChartRange range) {
        return query(selector, ChartWindow.whole(range, clock.instant()), Aggregation.AVG);
    }

    /** The query reading one window. */
    public static RangeQuery query(SeriesSelector selector, ChartWindow window, Aggregation aggregation) {
        return RangeQuery.of(selector, window.from(), window.to(), window.step(), aggregation);
    }

    /** What a refresh of a chart showing {@code shown} reads now ({@link ChartWindow#next}). */
    public Optional<ChartWindow> next(ChartRange range, Optional<ChartData> shown) {
        return ChartWindow.next(range, shown, clock.instant());
    }

    /** A site's IT power over a whole range. Empty when the site is not configured. */
    public Optional<ChartData> sitePower(String siteId, ChartRange range) {
        return sitePower(siteId, ChartWindow.whole(range, clock.instant()));
    }

    /** A rack's power per feed over a whole range. Empty when the rack is not configured. */
    public Optional<ChartData> rackPowerByFeed(String siteId, String rackId, ChartRange range) {
        return rackPowerByFeed(siteId, rackId, ChartWindow.whole(range, clock.instant()));
    }

    /** A site's IT power: its PDUs' inlet totals added, one line. Empty when the site is not configured. */
    public Optional<ChartData> sitePower(String siteId, ChartWindow window) {
        if (sites.stream().noneMatch(s -> s.id().equals(siteId))) {
            return Optional.empty();
        }
        return Optional.of(power(FleetService.DEVICE_TOTAL_POWER.and(LabelMatcher.eq("site", siteId)), window,
                l -> l.site().id().equals(siteId) && l.device().kind() == DeviceKind.PDU ? "IT power" : null));
    }

    /** A rack's power per feed: its PDUs' inlet totals added by feed. Empty when the rack is not configured. */
    public Optional<ChartData> rackPowerByFeed(String siteId, String rackId, ChartWindow window) {
        boolean known = sites.stream().filter(s -> s.id().equals(siteId)).flatMap(s -> s.rooms().stream())
                .flatMap(r -> r.racks().stream()).anyMatch(r -> r.id().equals(rackId));
        if (!known) {
            return Optional.empty();
        }
        // By device ids rather than the rack attribute: the ids are what the configuration says is in the rack now.
        String pdus = byDevice.values().stream()
                .filter(l -> l.site().id().equals(siteId) && l.rack().filter(r -> r.id().equals(rackId)).isPresent())
                .map(l -> l.device().id()).sorted().collect(Collectors.joining("|"));
        if (pdus.isEmpty()) {
            return Optional.of(new ChartData(KW, window.range(), window.step(), source(window.step()), times(window),
                    List.of()));
        }
        return Optional.of(power(FleetService.DEVICE_TOTAL_POWER.and(LabelMatcher.of(DeviceHealthMetrics.DEVICE_ATTRIBUTE,
                LabelMatcher.Op.RE, pdus)), window, l -> l.device().kind() != DeviceKind.PDU || !l.site().id().equals(siteId)
                        || l.rack().filter(r -> r.id().equals(rackId)).isEmpty() ? null
                        : l.device().feed().map(f -> "Feed " + f).orElse("No feed configured")));
    }

    /**
     * Sums the matched series into lines.
     *
     * @param line the line a device's readings belong to, or {@code null} to leave them out
     */
    private ChartData power(SeriesSelector selector, ChartWindow window, Function<DeviceLocation, String> line) {
        RangeQuery query = query(selector, window, Aggregation.AVG);
        List<Long> times = times(window);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (RangeSeries s : store.query(query)) {
            DeviceLocation l = byDevice.get(s.series().label(DeviceHealthMetrics.DEVICE_ATTRIBUTE));
            String name = l == null ? null : line.apply(l);
            if (name == null) {
                continue;
            }
            double[] sum = sums.computeIfAbsent(name, k -> nanArray(times.size()));
            for (Point p : s.points()) {
                int i = (int) ((p.timeMillis() - query.fromMillis()) / query.stepMillis());
                if (i >= 0 && i < sum.length && !Double.isNaN(p.value())) {
                    sum[i] = (Double.isNaN(sum[i]) ? 0 : sum[i]) + p.value() / WATTS_PER_KW;
                }
            }
        }
        List<ChartData.Series> series = new ArrayList<>();
        sums.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> series.add(new ChartData.Series(
                e.getKey(), Arrays.stream(e.getValue()).boxed().toList())));
        return new ChartData(KW, window.range(), query.step(), source(query.step()), times, series);
    }

    /** The time of each point of a window. */
    static List<Long> times(ChartWindow window) {
        List<Long> times = new ArrayList<>(window.points());
        for (long t = window.fromMillis(); t <= window.toMillis(); t += window.step().toMillis()) {
            times.add(t);
        }
        return times;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

}
