package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.report.EnergyReport;
import org.dcsuite.energy.report.EnergyService;
import org.dcsuite.energy.report.Figure;
import org.dcsuite.energy.report.FleetReport;
import org.dcsuite.energy.report.Period;
import org.dcsuite.energy.signal.SignalRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the energy views show: the energy module's reports over the ranges they offer, each site's energy per 1000
 * requests, and the trends drawn from the reports' steps.
 *
 * <p>A report takes seconds (the demo's 24 h fleet report 6.5 s, 30 days 15 s on a busy 2-core machine), so reports
 * are computed on a thread of their own, one at a time, never on the views' shared refresher threads nor under a UI
 * lock: a view asks for one ({@link #compare}, {@link #site}) and shows it when it completes, and its refreshes take the
 * newest computed ({@link #latestComparison}, {@link #latestSite}) without waiting. Ranges end at the last whole
 * minute and a report is computed once per range and minute, however many screens show it: the figures are
 * integrated over whole minutes, so computing more often would only repeat the same work.
 */
public final class EnergyViewService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnergyViewService.class);
    /** Why the energy views are empty on a server without {@code energy/*.yaml}. */
    public static final String NOT_CONFIGURED = "Energy is not configured: add one energy/SITE.yaml per site to the "
            + "configuration folder (see docs/energy.md) and restart dcsuite.";
    /** The request counters of the OTLP receiver (docs/metrics.md, "Trace SLIs"). */
    private static final String REQUESTS_METRIC = "trace.requests";
    /** Reports kept for the views; a few per open range and site. */
    private static final int CACHED_REPORTS = 32;
    /** The carbon intensity is drawn hourly: the signals that feed it are hourly or coarser. */
    private static final Duration CARBON_STEP = Duration.ofHours(1);
    /** How long the report thread outlives its last report; a server without energy views keeps no thread. */
    private static final long IDLE_SECONDS = 60;

    private final Optional<Sources> sources;
    private final Clock clock;
    private final ThreadPoolExecutor worker;
    private final Map<Key, CompletableFuture<?>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<?>> eldest) {
            return size() > CACHED_REPORTS;
        }
    };
    /** The newest completed report of each slot, for refreshes that must not wait. */
    private final Map<Slot, Object> latest = new ConcurrentHashMap<>();

    /** What a view shows: the comparison ({@code site} empty) or a site, over a range, a month in a zone. */
    private record Slot(String site, EnergyRange range, ZoneId zone) {
    }

    /** A slot at one minute. */
    private record Key(Slot slot, Instant start, Instant end) {
    }

    /** The reports, and the store they are read from for the request counters and the stored carbon intensity. */
    private record Sources(EnergyService energy, TelemetryStore store) {
    }

    private EnergyViewService(Optional<Sources> sources, Clock clock) {
        this.sources = sources;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.worker = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "dashboard-energy");
            t.setDaemon(true);
            return t;
        });
    }

    /** @param energy the reports, empty when the configuration has no {@code energy/*.yaml} */
    public static EnergyViewService of(Optional<EnergyService> energy, TelemetryStore store, Clock clock) {
        Objects.requireNonNull(store, "store");
        return new EnergyViewService(energy.map(e -> new Sources(e, store)), clock);
    }

    /** For a dashboard started without an energy configuration: the views say how to add one. */
    public static EnergyViewService unconfigured(Clock clock) {
        return new EnergyViewService(Optional.empty(), clock);
    }

    public boolean configured() {
        return sources.isPresent();
    }

    /** The sites with an energy configuration, sorted. */
    public List<String> siteIds() {
        return sources.map(s -> s.energy().siteIds()).orElse(List.of());
    }

    /** Every configured site over {@code range} ending now, a month starting in {@code zone}; computed once a minute. */
    public CompletableFuture<EnergyComparison> compare(EnergyRange range, ZoneId zone) {
        Instant end = now();
        Instant start = range.start(end, zone);
        if (sources.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new EnergyComparison(range, start, end, List.of(), Optional.of(NOT_CONFIGURED)));
        }
        return submit(new Key(new Slot("", range, zone), start, end), () -> {
            try {
                FleetReport fleet = sources.get().energy().fleet(start, end, Optional.empty());
                List<EnergyComparison.Row> rows = fleet.sites().stream()
                        .map(r -> new EnergyComparison.Row(r, requests(r, start, end))).toList();
                return new EnergyComparison(range, start, end, rows, Optional.empty());
            } catch (RuntimeException e) {
                return new EnergyComparison(range, start, end, List.of(), Optional.of(failure(e)));
            }
        });
    }

    /** The newest comparison computed for the slot; asks for this minute's, never waits for it. */
    public Optional<EnergyComparison> latestComparison(EnergyRange range, ZoneId zone) {
        CompletableFuture<EnergyComparison> now = compare(range, zone);
        return now.isDone() ? Optional.of(now.join())
                : Optional.ofNullable((EnergyComparison) latest.get(new Slot("", range, zone)));
    }

    /**
     * One site over {@code range} ending now, per step of the range; computed once a minute. Empty for a site without
     * energy configuration.
     */
    public Optional<CompletableFuture<EnergySiteDetail>> site(String id, EnergyRange range, ZoneId zone) {
        if (!siteIds().contains(id)) {
            return Optional.empty();
        }
        Instant end = now();
        Instant start = range.start(end, zone);
        return Optional.of(submit(new Key(new Slot(id, range, zone), start, end), () -> {
            try {
                return detail(id, range, start, end);
            } catch (RuntimeException e) {
                return new EnergySiteDetail(id, range, start, end, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), "", Optional.of(failure(e)));
            }
        }));
    }

    /** The newest report of the site computed for the slot; asks for this minute's, never waits for it. */
    public Optional<EnergySiteDetail> latestSite(String id, EnergyRange range, ZoneId zone) {
        return site(id, range, zone).flatMap(now -> now.isDone() ? Optional.of(now.join())
                : Optional.ofNullable((EnergySiteDetail) latest.get(new Slot(id, range, zone))));
    }

    /** Stops the report thread; reports asked for afterwards are refused. */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    private EnergySiteDetail detail(String id, EnergyRange range, Instant start, Instant end) {
        EnergyReport report = sources.orElseThrow().energy().site(id, start, end, Optional.of(range.step()));
        Optional<ChartData> stored = storedCarbon(id, range, report.from(), report.to());
        return new EnergySiteDetail(id, range, start, end, Optional.of(report), Optional.of(ratios(report, range)),
                Optional.of(kpiChart(report, range, "cue", "kgCO2/kWh")),
                stored.or(() -> Optional.of(reportCarbon(report, range))),
                stored.isPresent() ? SignalRecorder.CARBON_METRIC + "{site=\"" + id + "\"} as stored, hourly mean"
                        : "CO2 per facility kWh of each step of the report (no stored "
                                + SignalRecorder.CARBON_METRIC + " series for this site)",
                Optional.empty());
    }

    /**
     * A range without a whole bucket (the first minute of a month) is the reader's to see; a store failure is logged
     * too. Either is shown for this minute and tried again the next.
     */
    private static String failure(RuntimeException e) {
        if (!(e instanceof IllegalArgumentException)) {
            LOG.warn("energy report failed: {}", e.toString());
        }
        return e instanceof IllegalArgumentException ? e.getMessage() : "The report failed: " + e.getMessage();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> submit(Key key, Supplier<T> compute) {
        synchronized (cache) {
            CompletableFuture<?> f = cache.get(key);
            if (f == null) {
                f = CompletableFuture.supplyAsync(() -> {
                    T value = compute.get();
                    latest.put(key.slot(), value);
                    return value;
                }, worker);
                cache.put(key, f);
            }
            return (CompletableFuture<T>) f;
        }
    }

    /**
     * Facility energy per 1000 requests of the site's {@code trace.requests} counters. The energy is what the
     * facility meters measured in the range; the requests are the counters' increase over the whole range.
     */
    private RequestEnergy requests(EnergyReport report, Instant start, Instant end) {
        String selector = REQUESTS_METRIC + "{site=\"" + report.site() + "\"}";
        Duration length = Duration.between(start, end);
        List<RangeSeries> series = sources.orElseThrow().store()
                .query(RangeQuery.of(SeriesSelector.parse(selector), end, end, length, Aggregation.INCREASE));
        double requests = 0;
        boolean counted = false;
        for (RangeSeries s : series) {
            for (Point p : s.points()) {
                requests += p.value();
                counted = true;
            }
        }
        if (!counted) {
            return new RequestEnergy(OptionalDouble.empty(), OptionalDouble.empty(), "No " + selector
                    + " counter with two samples in the range: the OTLP receiver labels request counters by service "
                    + "and route, so requests count for a site only when its services add a site label.");
        }
        Figure facility = report.total().figure("facility").orElseThrow();
        if (requests <= 0 || facility.value().isEmpty()) {
            return new RequestEnergy(OptionalDouble.of(requests), OptionalDouble.empty(), requests <= 0
                    ? "No requests counted by " + selector + " in the range"
                    : "Facility energy not measured: " + facility.reason().orElse(""));
        }
        return new RequestEnergy(OptionalDouble.of(requests),
                OptionalDouble.of(facility.value().getAsDouble() / requests * 1000),
                String.format(Locale.ROOT, "Facility energy (%.0f %% of the range measured) per 1000 of the %.0f "
                        + "requests %s counted in the whole range", facility.coverage() * 100, requests, selector));
    }

    /** PUE and every zone's pPUE, one line each, a point at the end of each step. */
    private static ChartData ratios(EnergyReport report, EnergyRange range) {
        List<ChartData.Series> series = new ArrayList<>();
        series.add(new ChartData.Series(report.total().kpi("pue").orElseThrow().label(),
                values(report, p -> p.kpi("pue"))));
        for (Kpi zone : report.total().kpis()) {
            if (zone.id().equals("ppue")) {
                String id = zone.zone().orElseThrow();
                series.add(new ChartData.Series(zone.label(), values(report, p -> p.kpi("ppue", id))));
            }
        }
        return chart(report, range, "", series);
    }

    private static ChartData kpiChart(EnergyReport report, EnergyRange range, String kpi, String unit) {
        return chart(report, range, unit, List.of(new ChartData.Series(report.total().kpi(kpi).orElseThrow().label(),
                values(report, p -> p.kpi(kpi)))));
    }

    /** CO2 per facility kWh of each step, in g/kWh: the intensity of the energy the site drew, on-site included. */
    private static ChartData reportCarbon(EnergyReport report, EnergyRange range) {
        List<Double> grams = report.steps().stream().map(p -> {
            OptionalDouble co2 = p.figure("co2").orElseThrow().value();
            OptionalDouble kwh = p.figure("facility").orElseThrow().value();
            return co2.isPresent() && kwh.isPresent() && kwh.getAsDouble() > 0
                    ? co2.getAsDouble() * 1000 / kwh.getAsDouble() : Double.NaN;
        }).toList();
        return chart(report, range, "g/kWh", List.of(new ChartData.Series("CO2 per facility kWh", grams)));
    }

    private Optional<ChartData> storedCarbon(String site, EnergyRange range, Instant from, Instant to) {
        SeriesSelector selector = SeriesSelector.parse(SignalRecorder.CARBON_METRIC + "{site=\"" + site + "\"}");
        Instant first = from.truncatedTo(ChronoUnit.HOURS).plus(CARBON_STEP);
        if (first.isAfter(to)) {
            return Optional.empty();
        }
        List<Point> points = sources.orElseThrow().store()
                .query(RangeQuery.of(selector, first, to, CARBON_STEP, Aggregation.AVG)).stream()
                .findFirst().map(RangeSeries::points).orElse(List.of());
        if (points.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChartData("g/kWh", range.chartRange(), CARBON_STEP, ChartData.Source.HOUR_ROLLUP,
                points.stream().map(Point::timeMillis).toList(),
                List.of(new ChartData.Series("grid carbon intensity", points.stream().map(Point::value).toList()))));
    }

    private static List<Double> values(EnergyReport report, Function<Period, Optional<Kpi>> kpi) {
        return report.steps().stream()
                .map(p -> kpi.apply(p).flatMap(k -> k.value().isPresent() ? Optional.of(k.value().getAsDouble())
                        : Optional.empty()).orElse(Double.NaN))
                .toList();
    }

    /**
     * A chart of the report's steps. The energy module integrates the store's minute rollups, whence the source;
     * the step drawn is the range's (the first and last steps may be shorter).
     */
    private static ChartData chart(EnergyReport report, EnergyRange range, String unit, List<ChartData.Series> series) {
        return new ChartData(unit, range.chartRange(), range.step(), ChartData.Source.MINUTE_ROLLUP,
                report.steps().stream().map(p -> p.to().toEpochMilli()).toList(), series);
    }
}
