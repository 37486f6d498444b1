package org.dcsuite.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.select.LabelMatcher;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloSeries;
import org.dcsuite.slo.definition.AlertPolicy;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.BurnCondition;
import org.dcsuite.slo.definition.CompositeSlo;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;

/**
 * The SLO views' data: names, objectives and alert policies from the SLO definitions, figures from the {@code slo.*}
 * series the server's SLO evaluation writes each minute (docs/slo.md), so what the views show is what the store
 * holds and their history comes from the store's rollups. Blocking: call it off the UI lock.
 */
public final class SloBoardService {

    /**
     * How old the newest evaluation may be: the series are written every minute, so after two missed evaluations a
     * figure is stale and shown as unknown rather than as a number that no longer holds.
     */
    public static final Duration LOOKBACK = Duration.ofMinutes(3);
    /** The OTLP receiver flushes segment quantiles every 10 s; older ones no longer describe the traffic. */
    public static final Duration SEGMENT_LOOKBACK = Duration.ofMinutes(5);
    /** The burn-rate windows shown as badges and chart lines: the long windows of the SRE Workbook's rules. */
    public static final List<String> BURN_WINDOWS = List.of("1h", "6h", "1d", "3d");
    /** Per segment, per route and quantile, in seconds (the OTLP receiver's README). */
    public static final String SEGMENT_QUANTILES = "trace.segment.duration.quantile";
    /**
     * SLO series have one sample a minute: a finer chart step would show a sample in one step of six and gaps in the
     * others, so SLO charts never step below a minute.
     */
    static final Duration MIN_STEP = Duration.ofMinutes(1);
    private static final Duration COMPOSITE_WINDOW = BurnCondition.REFERENCE_WINDOW;

    /** The three charts of an SLO page. */
    public enum Chart {
        /** {@code slo.sli} and {@code slo.objective}, in %. */
        SLI,
        /** {@code slo.error_budget.remaining}, in % of the budget. */
        BUDGET,
        /** {@code slo.burn_rate} of each of {@link #BURN_WINDOWS}, as multiples of the sustainable rate. */
        BURN
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> siteIds;
    private final TelemetryStore store;
    private final Clock clock;

    private SloBoardService(SloDefinitions definitions, List<String> siteIds, TelemetryStore store, Clock clock) {
        this.siteIds = List.copyOf(siteIds);
        this.store = store;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (SloDefinition d : definitions.all()) {
            entries.put(d.name(), new Entry(d.name(), d.service(), d.objective(), d.window().describe(),
                    d.method().openSloName(), d.alertPolicy(), d.window().length(clock.instant()),
                    sitesOf(d, this.siteIds), Optional.of(d), Optional.empty()));
        }
        for (CompositeSlo c : definitions.composites()) {
            entries.put(c.name(), new Entry(c.name(), c.service(), c.objective(), "of its components",
                    "Composite (" + c.mode().name().toLowerCase(Locale.ROOT) + ")", c.alertPolicy(),
                    COMPOSITE_WINDOW, this.siteIds.contains(c.service()) ? Set.of(c.service()) : Set.of(),
                    Optional.empty(), Optional.of(c)));
        }
    }

    /** The SLOs of {@code definitions} over the store, for the configured sites. */
    public static SloBoardService of(SloDefinitions definitions, List<Site> sites, TelemetryStore store, Clock clock) {
        return new SloBoardService(Objects.requireNonNull(definitions, "definitions"),
                sites.stream().map(Site::id).toList(), Objects.requireNonNull(store, "store"), clock);
    }

    /** No SLOs configured: the views say how to add some; nothing is read. */
    public static SloBoardService unconfigured(Clock clock) {
        return new SloBoardService(SloDefinitions.of(List.of(), List.of()), List.of(), null, clock);
    }

    /** Whether any SLO is defined. */
    public boolean configured() {
        return !entries.isEmpty();
    }

    /** The SLO names (composites included), in definition order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * The sites an SLO belongs to: the one whose id its service is, and those its SLI's selectors pin with
     * {@code site="<id>"} (an equality matcher; a regular expression may match any number of sites).
     */
    static Set<String> sitesOf(SloDefinition slo, List<String> siteIds) {
        Set<String> sites = new TreeSet<>();
        if (siteIds.contains(slo.service())) {
            sites.add(slo.service());
        }
        selectors(slo.sli()).flatMap(s -> s.matchers().stream())
                .filter(m -> m.label().equals("site") && m.op() == LabelMatcher.Op.EQ && siteIds.contains(m.value()))
                .forEach(m -> sites.add(m.value()));
        return sites;
    }

    private static Stream<SeriesSelector> selectors(SliDefinition sli) {
        return switch (sli) {
            case SliDefinition.Ratio r -> Stream.of(r.good(), r.bad(), r.total()).filter(Objects::nonNull);
            case SliDefinition.Threshold t -> Stream.of(t.query());
            case SliDefinition.Latency l -> Stream.of(l.buckets());
        };
    }

    /** Every SLO with its newest figures, in definition order (plain SLOs, then composites). */
    public List<SloRow> board() {
        if (entries.isEmpty()) {
            return List.of();
        }
        Latest latest = latest();
        return entries.values().stream().map(e -> row(e, latest)).toList();
    }

    /** One SLO's page; empty when no SLO has that name. */
    public Optional<SloDetail> detail(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            return Optional.empty();
        }
        Latest latest = latest();
        if (e.composite.isPresent()) {
            CompositeSlo c = e.composite.get();
            List<SloRow> components = c.components().stream().map(k -> entries.get(k.slo())).filter(Objects::nonNull)
                    .map(k -> row(k, latest)).toList();
            return Optional.of(new SloDetail(row(e, latest), "", c.source(),
                    c.mode() == CompositeSlo.Mode.ANY ? "burns as fast as its fastest-burning component"
                            : "the weighted average of its components' SLIs",
                    components, c.components().stream().map(CompositeSlo.Component::weight).toList(), false));
        }
        SloDefinition d = e.definition.orElseThrow();
        return Optional.of(new SloDetail(row(e, latest), d.description(), d.source(), sliText(d.sli()), List.of(),
                List.of(), d.sli() instanceof SliDefinition.Latency));
    }

    /** What an SLI counts, in the definition's own selectors. */
    static String sliText(SliDefinition sli) {
        return switch (sli) {
            case SliDefinition.Ratio r -> r.good() != null ? "good " + r.good() + " of total " + r.total()
                    : "bad " + r.bad() + " of total " + r.total();
            case SliDefinition.Threshold t -> "minutes where " + t.query() + " " + t.op().id() + " "
                    + String.format(Locale.ROOT, "%s", t.bound());
            case SliDefinition.Latency l -> "requests within " + String.format(Locale.ROOT, "%.0f ms",
                    l.thresholdSeconds() * 1000) + " from " + l.buckets();
        };
    }

    /**
     * Per site, the SLO alert tiers firing now ({@code slo.alert.firing} = 1) of the SLOs that belong to it; every
     * configured site has an entry, 0 when nothing fires.
     */
    public Map<String, Integer> firingBySite() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        siteIds.forEach(id -> counts.put(id, 0));
        if (entries.isEmpty()) {
            return counts;
        }
        Latest latest = latest();
        for (Entry e : entries.values()) {
            int firing = firing(e, latest).size();
            e.sites.forEach(site -> counts.merge(site, firing, Integer::sum));
        }
        return counts;
    }

    /** The SLOs that belong to a site ({@link #sitesOf}), for the Fleet view's link. */
    public Set<String> slosOfSite(String siteId) {
        return entries.values().stream().filter(e -> e.sites.contains(siteId)).map(Entry::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The window an SLO chart of {@code range} reads now: the range's usual step ({@link ChartService#step}) but at
     * least {@link #MIN_STEP}, ending at the last whole step.
     */
    public ChartWindow window(ChartRange range) {
        Duration step = ChartService.step(range).compareTo(MIN_STEP) < 0 ? MIN_STEP : ChartService.step(range);
        long to = Math.floorDiv(clock.instant().toEpochMilli(), step.toMillis()) * step.toMillis();
        return new ChartWindow(range, step, to - range.length().toMillis(), to);
    }

    /** One chart of an SLO over a window, each point the step's average; empty when no SLO has that name. */
    public Optional<ChartData> chart(String name, Chart chart, ChartWindow window) {
        if (!entries.containsKey(name)) {
            return Optional.empty();
        }
        LabelMatcher slo = LabelMatcher.eq(SloSeries.SLO_LABEL, name);
        return Optional.of(switch (chart) {
            case SLI -> lines("%", window, List.of(
                    new Line("SLI", SeriesSelector.metric(SloSeries.SLI.name()).and(slo), 100),
                    new Line("Objective", SeriesSelector.metric(SloSeries.OBJECTIVE.name()).and(slo), 100)));
            case BUDGET -> lines("% of budget", window, List.of(new Line("Budget remaining",
                    SeriesSelector.metric(SloSeries.BUDGET_REMAINING.name()).and(slo), 100)));
            case BURN -> lines("x", window, BURN_WINDOWS.stream().map(w -> new Line(w,
                    SeriesSelector.metric(SloSeries.BURN_RATE.name()).and(slo)
                            .and(LabelMatcher.eq(SloSeries.WINDOW_LABEL, w)), 1)).toList());
        });
    }

    /**
     * The segments of a latency SLO's requests (those its histogram selector matches), targets first in the order
     * written, then the other measured segments by name; empty when the SLO is not a latency SLO or its histogram
     * selector pins no {@code service}.
     */
    public Optional<List<SegmentLatency>> segments(String name) {
        Optional<String> service = segmentService(name);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Worst> p95 = new HashMap<>();
        Map<String, Worst> p99 = new HashMap<>();
        Set<String> measured = new TreeSet<>();
        // The segments' series carry the histogram's labels (service, and site or route when the SLO pins them).
        SeriesSelector selector = SeriesSelector.metric(SEGMENT_QUANTILES);
        for (LabelMatcher m : latency(name).orElseThrow().buckets().matchers()) {
            if (!m.label().equals(SeriesKey.NAME_LABEL) && !m.label().equals("le")) {
                selector = selector.and(m);
            }
        }
        List<Sample> samples = store.latest(selector.and(LabelMatcher.of("quantile", LabelMatcher.Op.RE,
                "0\\.95|0\\.99")), clock.instant(), SEGMENT_LOOKBACK);
        for (Sample s : samples) {
            String segment = s.series().label("segment");
            if (segment == null || Double.isNaN(s.value())) {
                continue;
            }
            measured.add(segment);
            Map<String, Worst> into = "0.95".equals(s.series().label("quantile")) ? p95 : p99;
            Worst w = new Worst(s.value(), String.valueOf(s.series().label("route")));
            into.merge(segment, w, (a, b) -> a.seconds >= b.seconds ? a : b);
        }
        Map<String, Duration> targets = latency(name).orElseThrow().segments();
        Set<String> order = new LinkedHashSet<>(targets.keySet());
        order.addAll(measured);
        List<SegmentLatency> out = new ArrayList<>();
        for (String segment : order) {
            Worst a = p95.get(segment);
            Worst b = p99.get(segment);
            out.add(new SegmentLatency(segment, a == null ? OptionalDouble.empty() : OptionalDouble.of(a.seconds),
                    Optional.ofNullable(a).map(Worst::route),
                    b == null ? OptionalDouble.empty() : OptionalDouble.of(b.seconds),
                    Optional.ofNullable(b).map(Worst::route), Optional.ofNullable(targets.get(segment))));
        }
        return Optional.of(out);
    }

    /** The service a latency SLO's segments are read for: the {@code service} its histogram selector pins. */
    public Optional<String> segmentService(String name) {
        return latency(name).flatMap(l -> l.buckets().matchers().stream()
                .filter(m -> m.label().equals("service") && m.op() == LabelMatcher.Op.EQ)
                .map(LabelMatcher::value).findFirst());
    }

    private Optional<SliDefinition.Latency> latency(String name) {
        return Optional.ofNullable(entries.get(name)).flatMap(Entry::definition).map(SloDefinition::sli)
                .filter(SliDefinition.Latency.class::isInstance).map(SliDefinition.Latency.class::cast);
    }

    private ChartData lines(String unit, ChartWindow window, List<Line> lines) {
        List<Long> times = ChartService.times(window);
        List<ChartData.Series> series = new ArrayList<>();
        for (Line line : lines) {
            RangeQuery query = ChartService.query(line.selector, window, Aggregation.AVG);
            double[] values = new double[times.size()];
            Arrays.fill(values, Double.NaN);
            // One series per line: the evaluation writes each SLO's figure under one key.
            for (RangeSeries s : store.query(query)) {
                for (Point p : s.points()) {
                    int i = (int) ((p.timeMillis() - query.fromMillis()) / query.stepMillis());
                    if (i >= 0 && i < values.length) {
                        values[i] = p.value() * line.scale;
                    }
                }
            }
            series.add(new ChartData.Series(line.name, Arrays.stream(values).boxed().toList()));
        }
        return new ChartData(unit, window.range(), window.step(), ChartService.source(window.step()), times, series);
    }

    private SloRow row(Entry e, Latest latest) {
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, SloRow.BurnBand> bands = new LinkedHashMap<>();
        Map<String, String> thresholds = new LinkedHashMap<>();
        Map<String, Double> stored = latest.burn.getOrDefault(e.name, Map.of());
        for (String w : BURN_WINDOWS) {
            thresholds.put(w, thresholdText(e, w));
            Double rate = stored.get(w);
            if (rate != null) {
                rates.put(w, rate);
                bands.put(w, band(e, w, rate));
            }
        }
        Value sli = latest.sli.get(e.name);
        Value budget = latest.budget.get(e.name);
        return new SloRow(e.name, e.service, e.composite.isPresent(), e.objective, e.window, e.method,
                sli == null ? OptionalDouble.empty() : OptionalDouble.of(sli.value),
                budget == null ? OptionalDouble.empty() : OptionalDouble.of(budget.value), rates, bands, thresholds,
                List.copyOf(e.policy.tiers()), firing(e, latest), Optional.ofNullable(sli).map(Value::time), e.sites);
    }

    private static List<String> firing(Entry e, Latest latest) {
        Map<String, Double> tiers = latest.firing.getOrDefault(e.name, Map.of());
        return e.policy.tiers().stream().filter(t -> tiers.getOrDefault(t, 0.0) == 1.0).toList();
    }

    /** See {@link SloRow.BurnBand}: the policy's conditions on this window, scaled to the SLO's window. */
    private static SloRow.BurnBand band(Entry e, String window, double rate) {
        String urgent = e.policy.tiers().stream().findFirst().orElse("");
        SloRow.BurnBand band = rate > 1 ? SloRow.BurnBand.ELEVATED : SloRow.BurnBand.NORMAL;
        for (AlertRule rule : e.policy.rules()) {
            for (BurnCondition c : rule.conditions()) {
                if (label(c.window()).equals(window) && rate > c.thresholdFor(e.scaleWindow)) {
                    if (rule.tier().equals(urgent)) {
                        return SloRow.BurnBand.PAGE;
                    }
                    band = SloRow.BurnBand.ELEVATED;
                }
            }
        }
        return band;
    }

    private static String thresholdText(Entry e, String window) {
        List<String> parts = new ArrayList<>();
        for (AlertRule rule : e.policy.rules()) {
            for (BurnCondition c : rule.conditions()) {
                if (label(c.window()).equals(window)) {
                    parts.add(rule.tier() + " above " + String.format(Locale.ROOT, "%.2f", c.thresholdFor(e.scaleWindow))
                            + " x");
                }
            }
        }
        return parts.isEmpty() ? "no alert rule uses this window; amber above 1 x" : String.join(", ", parts);
    }

    /** A burn window as the {@code window} label writes it ({@code 5m}, {@code 1h}, {@code 1d}). */
    static String label(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    private Latest latest() {
        Instant now = clock.instant();
        Latest l = new Latest(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (Sample s : store.latest(SeriesSelector.metric(SloSeries.SLI.name()), now, LOOKBACK)) {
            l.sli.put(s.series().label(SloSeries.SLO_LABEL), new Value(s.value(), s.time()));
        }
        for (Sample s : store.latest(SeriesSelector.metric(SloSeries.BUDGET_REMAINING.name()), now, LOOKBACK)) {
            l.budget.put(s.series().label(SloSeries.SLO_LABEL), new Value(s.value(), s.time()));
        }
        for (Sample s : store.latest(SeriesSelector.metric(SloSeries.BURN_RATE.name()), now, LOOKBACK)) {
            l.burn.computeIfAbsent(s.series().label(SloSeries.SLO_LABEL), k -> new HashMap<>())
                    .put(s.series().label(SloSeries.WINDOW_LABEL), s.value());
        }
        for (Sample s : store.latest(SeriesSelector.metric(SloSeries.ALERT_FIRING.name()), now, LOOKBACK)) {
            l.firing.computeIfAbsent(s.series().label(SloSeries.SLO_LABEL), k -> new HashMap<>())
                    .put(s.series().label(SloSeries.TIER_LABEL), s.value());
        }
        return l;
    }

    private record Entry(String name, String service, double objective, String window,
            String method, AlertPolicy policy, Duration scaleWindow, Set<String> sites,
            Optional<SloDefinition> definition, Optional<CompositeSlo> composite) {
    }

    private record Value(double value, Instant time) {
    }

    private record Worst(double seconds, String route) {
    }

    private record Line(String name, SeriesSelector selector, double scale) {
    }

    /** The newest values of one read, by SLO name (and window or tier). */
    private record Latest(Map<String, Value> sli, Map<String, Value> budget, Map<String, Map<String, Double>> burn,
            Map<String, Map<String, Double>> firing) {
    }
}
