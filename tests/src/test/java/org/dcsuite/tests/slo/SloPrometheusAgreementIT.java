package org.dcsuite.tests.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.dcsuite.app.importer.ImportSummary;
import org.dcsuite.core.time.Durations;
import org.dcsuite.slo.SloStatus;
import org.dcsuite.tests.slo.AlertEpisodes.Episode;
import org.dcsuite.tests.slo.RequestCounters.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds dcsuite's SLO engine against Prometheus: the same request counters are backfilled into Prometheus and
 * imported into dcsuite, Prometheus evaluates the SRE Workbook's recording and alerting rules
 * ({@code slo/checkout-slo-rules.yml}), dcsuite evaluates the equivalent OpenSLO file ({@code slo/checkout.yaml}),
 * and burn rates and alert states are compared minute by minute across incidents of different sizes.
 * {@code docs/slo-vs-prometheus.md} explains the method and the measured differences this test prints.
 */
class SloPrometheusAgreementIT {

    static final double OBJECTIVE = 0.999;
    static final Duration STEP = Duration.ofMinutes(1);
    static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");
    static final List<String> TIERS = List.of("page", "ticket");

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant DAY_3 = START.plus(Duration.ofDays(3));
    // Over three days of history come first, so the 3d window is full when the first incident starts.
    static final Incident FAST_BURN = new Incident("fast burn: 10% errors for 15m", DAY_3.plus(hours(10)),
            Duration.ofMinutes(15), 0.10);
    static final Incident SLOW_BURN = new Incident("slow burn: 1% errors for 4h", DAY_3.plus(hours(20)),
            hours(4), 0.01);
    static final Incident TICKET_BURN = new Incident("ticket burn: 0.55% errors for 8h", DAY_3.plus(hours(42)),
            hours(8), 0.0055);
    static final Incident SMALL_BURN = new Incident("below every threshold: 0.2% errors for 1h",
            DAY_3.plus(hours(62)), hours(1), 0.002);
    private static final Instant RESTART = SMALL_BURN.end().plus(Duration.ofMinutes(30)).plusSeconds(13);

    /**
     * Half the error budget is spent in steady state. A steady ratio of exactly the objective (0.1%) would put
     * burn(3d) and burn(6h) on the ticket tier's 1x threshold, where rounding alone would decide the alert.
     */
    static final RequestCounters.Plan PLAN = new RequestCounters.Plan(START,
            Duration.between(START, SMALL_BURN.end()).plus(hours(3)), Duration.ofSeconds(30), Duration.ofSeconds(7),
            200, 0.0005, List.of(FAST_BURN, SLOW_BURN, TICKET_BURN, SMALL_BURN), List.of(RESTART));

    /** Each incident's stretch of evaluation times: from before it starts until every tier has resolved. */
    record Stretch(Incident incident, Instant from, Instant to) {
        static Stretch around(Incident incident, Duration tail) {
            return new Stretch(incident, incident.start().minus(Duration.ofMinutes(30)), incident.end().plus(tail));
        }

        List<Instant> times() {
            List<Instant> times = new ArrayList<>();
            for (Instant t = from; !t.isAfter(to); t = t.plus(STEP)) {
                times.add(t);
            }
            return times;
        }
    }

    static final List<Stretch> STRETCHES = List.of(Stretch.around(FAST_BURN, hours(1)),
            Stretch.around(SLOW_BURN, hours(7)), Stretch.around(TICKET_BURN, hours(7)),
            Stretch.around(SMALL_BURN, hours(2)));

    @TempDir
    static Path work;

    static RequestCounters counters;
    static WindowEdgeEnvelope envelope;
    static WorkbookRules rules;
    static int loadedRules;
    /** Prometheus's burn rate per window, per evaluation time. */
    static final Map<String, NavigableMap<Instant, Double>> prometheusBurn = new HashMap<>();
    /** The evaluation times at which Prometheus's alert expression of each severity returns a series. */
    static final Map<String, NavigableMap<Instant, Double>> prometheusFiring = new HashMap<>();
    static ImportSummary imported;
    static NavigableMap<Instant, SloStatus> dcsuite;
    static DcsuiteSloRun dcsuiteRun;
    static Duration prometheusTime;
    static Duration importTime;
    static Duration evaluationTime;

    @BeforeAll
    static void evaluateWithBoth() throws Exception {
        long started = System.nanoTime();
        counters = RequestCounters.generate(PLAN);
        envelope = new WindowEdgeEnvelope(counters.scrapes());
        Path openMetrics = work.resolve("requests.om");
        counters.writeOpenMetrics(openMetrics);
        Path ruleFile = resource("slo/checkout-slo-rules.yml");
        rules = new WorkbookRules(ruleFile);
        Path tsdb = work.resolve("tsdb");
        PrometheusServer.backfill(openMetrics, tsdb, work);
        try (PrometheusServer prometheus = PrometheusServer.start(tsdb, List.of(ruleFile), work)) {
            loadedRules = prometheus.ruleGroups().findValue("rules").size();
            for (String w : WINDOWS) {
                prometheusBurn.put(w, new TreeMap<>());
            }
            for (String tier : TIERS) {
                prometheusFiring.put(tier, new TreeMap<>());
            }
            for (Stretch s : STRETCHES) {
                for (String w : WINDOWS) {
                    prometheusBurn.get(w).putAll(prometheus.queryRange(
                            "(" + rules.errorRatio(w) + ") / (1 - " + OBJECTIVE + ")", s.from(), s.to(), STEP));
                }
                for (String tier : TIERS) {
                    prometheusFiring.get(tier).putAll(prometheus.queryRange(rules.alert(tier), s.from(), s.to(), STEP));
                }
            }
        }
        prometheusTime = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        dcsuiteRun = new DcsuiteSloRun(work);
        imported = dcsuiteRun.importOpenMetrics(openMetrics);
        importTime = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        dcsuite = dcsuiteRun.evaluate(evaluationTimes());
        evaluationTime = Duration.ofNanos(System.nanoTime() - started);
    }

    /** Prints the measured differences that docs/slo-vs-prometheus.md reports. */
    @AfterAll
    static void printMeasuredDifferences() {
        if (dcsuite == null) {
            return;
        }
        List<Instant> times = evaluationTimes();
        AgreementReport report = new AgreementReport()
                .line(String.format("%d scrapes per series, %d evaluation times; Prometheus side %s, dcsuite import %s, "
                        + "dcsuite evaluations %s", counters.scrapes().size(), times.size(), prometheusTime, importTime,
                        evaluationTime))
                .burnRates(WINDOWS, times, prometheusBurn, (at, w) -> dcsuite.get(at).burnRates().get(w), (at, w) -> {
                    double[] range = acceptedRange(at, w);
                    return range[1] - range[0];
                }, SloPrometheusAgreementIT::steady);
        for (Stretch s : STRETCHES) {
            for (String tier : TIERS) {
                report.alerts(s.incident().name(), tier, s.times(), t -> prometheusFiring.get(tier).containsKey(t),
                        t -> dcsuite.get(t).alertsFiring().contains(tier));
            }
        }
        System.out.println(report);
    }

    @Test
    void prometheusLoadedEveryRecordingAndAlertingRule() {
        assertThat(loadedRules).isEqualTo(WINDOWS.size() + TIERS.size());
        assertThat(rules.windows()).containsExactlyElementsOf(WINDOWS);
        assertThat(rules.severities()).containsExactlyElementsOf(TIERS);
    }

    /**
     * Prometheus's burn rates are the error ratio of the scrape intervals inside each window: rate()'s
     * extrapolation cancels in a ratio of two counters scraped together. Checks the data, the backfill and the
     * envelope against each other before dcsuite is compared with any of them.
     */
    @Test
    void prometheusBurnRatesAreTheErrorRatioOfTheScrapeIntervalsInsideTheWindow() {
        for (String w : WINDOWS) {
            NavigableMap<Instant, Double> burns = prometheusBurn.get(w);
            assertThat(burns).as(w).hasSize(evaluationTimes().size());
            burns.forEach((at, burn) -> {
                WindowEdgeEnvelope.Bounds b = envelope.at(at, window(w));
                assertThat(burn).as("burn(%s) at %s", w, at)
                        .isCloseTo(b.prometheusLike() / (1 - OBJECTIVE), Offset.offset(1e-9 * Math.max(1, burn)));
            });
        }
    }

    /** The rule file's alerts are the contract's default policy, applied to Prometheus's own burn rates. */
    @Test
    void prometheusAlertsFollowTheDefaultPolicy() {
        for (Instant at : evaluationTimes()) {
            Map<String, Double> burns = prometheusBurnsAt(at);
            for (String tier : TIERS) {
                assertThat(prometheusFiring.get(tier).containsKey(at)).as("%s at %s with %s", tier, at, burns)
                        .isEqualTo(BurnRatePolicy.fires(tier, burns));
            }
        }
    }

    @Test
    void eachIncidentTriggersTheTiersItWasDesignedFor() {
        assertThat(firingDuring(FAST_BURN, "page")).isNotEmpty();
        assertThat(firingDuring(FAST_BURN, "ticket")).isEmpty();
        assertThat(firingDuring(SLOW_BURN, "page")).isNotEmpty();
        assertThat(firingDuring(SLOW_BURN, "ticket")).isNotEmpty();
        assertThat(maxBurnDuring(SLOW_BURN, "1h")).as("the slow burn pages through the 6h tier only").isLessThan(14.4);
        assertThat(firingDuring(TICKET_BURN, "page")).isEmpty();
        assertThat(firingDuring(TICKET_BURN, "ticket")).isNotEmpty();
        assertThat(firingDuring(SMALL_BURN, "page")).isEmpty();
        assertThat(firingDuring(SMALL_BURN, "ticket")).isEmpty();
    }

    @Test
    void dcsuiteImportedEverySampleUnderTheNamesPrometheusUses() {
        assertThat(imported.series()).isEqualTo(2);
        assertThat(imported.samples()).isEqualTo(2L * counters.scrapes().size());
        assertThat(imported.outOfOrder()).isZero();
        assertThat(imported.problems()).isEmpty();
    }

    @Test
    void dcsuiteReportsTheSloAsConfigured() {
        SloStatus any = dcsuite.firstEntry().getValue();
        assertThat(any.name()).isEqualTo("checkout-availability");
        assertThat(any.service()).isEqualTo(RequestCounters.SERVICE);
        assertThat(any.objective()).isEqualTo(OBJECTIVE);
        assertThat(any.window()).isEqualTo("30d");
    }

    /**
     * Every burn rate lies within what the window's edges allow around Prometheus's value (see
     * {@link WindowEdgeEnvelope}); anything beyond is a real disagreement.
     */
    @Test
    void dcsuiteBurnRatesAgreeWithPrometheusWithinEdgeEffects() {
        List<String> outside = new ArrayList<>();
        for (Instant at : evaluationTimes()) {
            Map<String, Double> burns = dcsuite.get(at).burnRates();
            for (String w : WINDOWS) {
                double[] range = acceptedRange(at, w);
                Double burn = burns.get(w);
                if (burn == null || burn < range[0] || burn > range[1]) {
                    outside.add(String.format("burn(%s) at %s: dcsuite %s, Prometheus %.9f, edge envelope [%.9f, %.9f]",
                            w, at, burn, prometheusBurn.get(w).get(at), range[0], range[1]));
                }
            }
        }
        assertThat(outside.size()).as("burn rates outside the envelope, of %d; the first: %s",
                evaluationTimes().size() * WINDOWS.size(), firstFew(outside)).isZero();
    }

    /**
     * At every evaluation time where no burn rate is close enough to its threshold for edge effects to tip the
     * comparison, dcsuite's tiers fire exactly when Prometheus's alerts do.
     */
    @Test
    void dcsuiteAlertsAgreeWithPrometheusWhereverEdgeEffectsCannotTipThem() {
        List<String> disagreements = new ArrayList<>();
        int decided = 0;
        for (Instant at : evaluationTimes()) {
            for (String tier : TIERS) {
                Boolean expected = BurnRatePolicy.decide(tier, (w, factor) -> exceeds(acceptedRange(at, w), factor));
                if (expected == null) {
                    continue;
                }
                decided++;
                boolean prometheus = prometheusFiring.get(tier).containsKey(at);
                boolean ours = dcsuite.get(at).alertsFiring().contains(tier);
                if (prometheus != expected || ours != expected) {
                    disagreements.add(tier + " at " + at + ": Prometheus " + prometheus + ", dcsuite " + ours
                            + ", dcsuite burn rates " + dcsuite.get(at).burnRates() + ", Prometheus " + prometheusBurnsAt(at));
                }
            }
        }
        // Were edge effects to leave most states undecided, this test would check next to nothing.
        assertThat(decided).isGreaterThan(evaluationTimes().size() * TIERS.size() * 9 / 10);
        assertThat(disagreements.size()).as("disagreements, of %d decided; the first: %s", decided,
                firstFew(disagreements)).isZero();
    }

    @Test
    void firingAndResolveTimesAgreeWithinOneEvaluationStep() {
        for (Stretch s : STRETCHES) {
            for (String tier : TIERS) {
                List<Episode> theirs = AlertEpisodes.of(s.times(), t -> prometheusFiring.get(tier).containsKey(t));
                List<Episode> ours = AlertEpisodes.of(s.times(), t -> dcsuite.get(t).alertsFiring().contains(tier));
                assertThat(ours).as("%s during %s", tier, s.incident().name()).hasSameSizeAs(theirs);
                for (int i = 0; i < theirs.size(); i++) {
                    assertWithinOneStep(ours.get(i).firing(), theirs.get(i).firing(), tier + " firing", s);
                    assertWithinOneStep(ours.get(i).resolved(), theirs.get(i).resolved(), tier + " resolve", s);
                }
            }
        }
    }

    /** {@code dcsuite slo status --format json} reports what the engine computed, at the height of the slow burn. */
    @Test
    void theCommandLineReportsTheEnginesBurnRatesAndAlerts() throws Exception {
        Instant at = SLOW_BURN.end().minus(Duration.ofMinutes(10));
        SloStatus engine = dcsuite.get(at);
        JsonNode status = dcsuiteRun.cliStatus(at);
        assertThat(Instant.parse(status.path("at").asText())).isEqualTo(at);
        JsonNode slo = status.path("slos").get(0);
        assertThat(status.path("slos")).hasSize(1);
        assertThat(slo.path("name").asText()).isEqualTo(engine.name());
        assertThat(slo.path("objective").asDouble()).isEqualTo(OBJECTIVE);
        assertThat(slo.path("budgeting_method").asText()).isEqualTo("Occurrences");
        for (String w : WINDOWS) {
            assertThat(slo.path("burn_rates").path(w).asDouble()).as(w)
                    .isCloseTo(engine.burnRates().get(w), Offset.offset(1e-12 * engine.burnRates().get(w)));
        }
        List<String> alerts = new ArrayList<>();
        slo.path("alerts_firing").forEach(a -> alerts.add(a.asText()));
        List<String> prometheusAlerts = TIERS.stream().filter(t -> prometheusFiring.get(t).containsKey(at)).toList();
        assertThat(prometheusAlerts).containsExactlyInAnyOrder("page", "ticket");
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(engine.alertsFiring())
                .containsExactlyInAnyOrderElementsOf(prometheusAlerts);
    }

    // ---- helpers

    /** Where a correct burn rate may lie: the edge envelope widened to hold Prometheus's value, in burn units. */
    private static double[] acceptedRange(Instant at, String w) {
        WindowEdgeEnvelope.Bounds b = envelope.at(at, window(w));
        double prometheus = prometheusBurn.get(w).get(at);
        double low = Math.min(prometheus, b.low() / (1 - OBJECTIVE));
        double high = Math.max(prometheus, b.high() / (1 - OBJECTIVE));
        double rounding = 1e-9 * Math.max(1, high);
        return new double[] {low - rounding, high + rounding};
    }

    /** Whether the error ratio stays the same in the window and the scrape interval before it. */
    private static boolean steady(Instant at, String w) {
        Instant from = at.minus(window(w)).minus(PLAN.scrapeInterval());
        List<Instant> changes = new ArrayList<>(PLAN.restarts());
        PLAN.incidents().forEach(i -> changes.addAll(List.of(i.start(), i.end())));
        return changes.stream().noneMatch(c -> c.isAfter(from) && !c.isAfter(at));
    }

    private static String firstFew(List<String> lines) {
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 20)));
    }

    private static Boolean exceeds(double[] range, double threshold) {
        if (range[0] > threshold) {
            return true;
        }
        return range[1] <= threshold ? false : null;
    }

    private static void assertWithinOneStep(Instant ours, Instant theirs, String what, Stretch s) {
        if (theirs == null || ours == null) {
            assertThat(ours).as("%s during %s", what, s.incident().name()).isEqualTo(theirs);
            return;
        }
        assertThat(Duration.between(theirs, ours).abs()).as("%s during %s: dcsuite %s, Prometheus %s", what,
                s.incident().name(), ours, theirs).isLessThanOrEqualTo(STEP);
    }

    static List<Instant> evaluationTimes() {
        return STRETCHES.stream().flatMap(s -> s.times().stream()).toList();
    }

    static Map<String, Double> prometheusBurnsAt(Instant at) {
        Map<String, Double> burns = new HashMap<>();
        for (String w : WINDOWS) {
            burns.put(w, prometheusBurn.get(w).get(at));
        }
        return burns;
    }

    private static List<Instant> firingDuring(Incident incident, String tier) {
        Stretch s = stretchOf(incident);
        return List.copyOf(prometheusFiring.get(tier).subMap(s.from(), true, s.to(), true).keySet());
    }

    private static double maxBurnDuring(Incident incident, String w) {
        Stretch s = stretchOf(incident);
        return prometheusBurn.get(w).subMap(s.from(), true, s.to(), true).values().stream()
                .mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static Stretch stretchOf(Incident incident) {
        return STRETCHES.stream().filter(s -> s.incident().equals(incident)).findFirst().orElseThrow();
    }

    static Duration window(String w) {
        return Durations.parse(w);
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    private static Path resource(String name) throws URISyntaxException {
        Path p = Path.of(SloPrometheusAgreementIT.class.getClassLoader().getResource(name).toURI());
        assertThat(Files.isRegularFile(p)).as(name).isTrue();
        return p;
    }
}
