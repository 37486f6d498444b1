package org.dcsuite.benchmarks.slo;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.slo.SloStatus;
import org.dcsuite.slo.definition.BudgetingMethod;
import org.dcsuite.slo.definition.DefaultAlertPolicy;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;
import org.dcsuite.slo.definition.SloWindow;

/**
 * SLO evaluation cycles over a DuckDB store holding 30 days of request counters ({@link RequestHistory}): N SLOs
 * (10 per service, mixing objectives, 7/28/30-day windows and the three budgeting methods). Each cycle appends one
 * new minute of samples and evaluates every SLO incrementally; the baseline, measured in the same run, is a fresh
 * engine evaluating the same time, which reads the whole window again: what an engine without incremental state
 * pays every cycle.
 *
 * <p>With {@code --prometheus}, every SLO counts occurrences (the only method Prometheus rules express without
 * subqueries), history ends at the current minute, and then Prometheus evaluates the same SLOs' rules over the
 * same counters ({@link PrometheusRuleEvaluation}). Usage: {@code java -jar dcsuite-benchmarks.jar slo
 * [--slos N] [--services N] [--days D] [--cycles C] [--prometheus] [--prometheus-minutes M]}.
 */
public final class SloBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final long MINUTE = RequestHistory.MINUTE;

    private SloBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int slos = 10_000;
        int services = 1_000;
        int days = 30;
        int cycles = 10;
        boolean prometheus = false;
        int prometheusMinutes = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--slos" -> slos = Integer.parseInt(args[++i]);
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--prometheus" -> prometheus = true;
                case "--prometheus-minutes" -> prometheusMinutes = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Instant end = prometheus ? Instant.ofEpochMilli(System.currentTimeMillis() / MINUTE * MINUTE - MINUTE) : T0;
        SloDefinitions definitions = definitions(slos, services, prometheus);
        Path dir = Files.createTempDirectory("dcsuite-slo-bench");
        try {
            DcsuiteResult dcsuite;
            try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("slo.duckdb")))) {
                dcsuite = run(store, definitions, services, days, cycles, end);
            }
            if (prometheus) {
                PrometheusRuleEvaluation.Result theirs = PrometheusRuleEvaluation.measure(
                        new RequestHistory(services, end.toEpochMilli() / MINUTE, days), definitions, end,
                        prometheusMinutes, dir);
                printComparison(dcsuite, theirs, slos);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What the dcsuite side measured, and its statuses at the end of the history for the agreement check. */
    record DcsuiteResult(double medianCycleMs, double medianCycleCpuMs, long heapBytes, List<SloStatus> atEnd) {
    }

    private static DcsuiteResult run(TelemetryStore store, SloDefinitions definitions, int services, int days,
            int cycles, Instant end) {
        long t0 = end.toEpochMilli() / MINUTE;
        RequestHistory history = new RequestHistory(services, t0, days);
        List<Sample> batch = new ArrayList<>();
        long loadStart = System.nanoTime();
        long[] samples = {0};
        history.countTo(t0, (m, good, bad) -> {
            if (!history.scraped(m)) {
                return;
            }
            addMinute(batch, m, good, bad);
            if (batch.size() >= 200_000) {
                store.append(batch);
                samples[0] += batch.size();
                batch.clear();
            }
        });
        store.append(batch);
        samples[0] += batch.size();
        batch.clear();
        store.refreshRollups();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        int sloCount = definitions.all().size();
        System.gc();
        long heapBefore = usedHeap();
        SloEngine engine = new SloEngine(store, definitions);
        long rebuildStart = System.nanoTime();
        List<SloStatus> atEnd = engine.evaluate(end);
        double rebuildMs = (System.nanoTime() - rebuildStart) / 1e6;
        System.gc();
        long heapAfter = usedHeap();

        double[] cycleMs = new double[cycles];
        double[] cycleCpuMs = new double[cycles];
        List<SloStatus> last = List.of();
        for (int c = 1; c <= cycles; c++) {
            long m = t0 + c;
            history.countTo(m, (minute, good, bad) -> addMinute(batch, minute, good, bad));
            store.append(batch);
            batch.clear();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            last = engine.evaluate(Instant.ofEpochMilli(m * MINUTE));
            cycleMs[c - 1] = (System.nanoTime() - start) / 1e6;
            cycleCpuMs[c - 1] = (processCpuNanos() - cpu) / 1e6;
        }
        Instant freshAt = end.plus(Duration.ofMinutes(cycles));
        long freshStart = System.nanoTime();
        List<SloStatus> fresh = new SloEngine(store, definitions).evaluate(freshAt);
        double freshMs = (System.nanoTime() - freshStart) / 1e6;
        double median = median(cycleMs);
        long firing = last.stream().filter(s -> !s.alertsFiring().isEmpty()).count();

        System.out.printf(Locale.ROOT, "## SLO engine%n%n");
        System.out.printf(Locale.ROOT, "%d SLOs on %d services (%d series), %d days of history: %,d samples in DuckDB, "
                + "loaded with rollups in %.0f s.%n%n", sloCount, services, 2 * services, days, samples[0], loadSeconds);
        System.out.printf(Locale.ROOT, "| measure | value |%n|---|---|%n");
        System.out.printf(Locale.ROOT, "| incremental cycle (append 1 minute, evaluate all), median of %d | %.0f ms |%n",
                cycles, median);
        System.out.printf(Locale.ROOT, "| incremental cycle, slowest | %.0f ms |%n",
                Arrays.stream(cycleMs).max().orElseThrow());
        System.out.printf(Locale.ROOT, "| process CPU per cycle, median | %.0f ms |%n", median(cycleCpuMs));
        System.out.printf(Locale.ROOT, "| baseline: fresh engine, whole windows re-read (same time) | %.0f ms |%n",
                freshMs);
        System.out.printf(Locale.ROOT, "| baseline / incremental | %.0fx |%n", freshMs / median);
        System.out.printf(Locale.ROOT, "| first evaluation (state built from the store) | %.0f ms |%n", rebuildMs);
        System.out.printf(Locale.ROOT, "| heap held by the engine | %.1f MiB, %.1f KiB per SLO |%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / sloCount);
        System.out.printf(Locale.ROOT, "| SLOs with a tier firing at the end | %d |%n", firing);
        System.out.printf(Locale.ROOT, "| incremental equals fresh at the end | %s |%n%n", fresh.equals(last));
        return new DcsuiteResult(median, median(cycleCpuMs), heapAfter - heapBefore, atEnd);
    }

    private static void printComparison(DcsuiteResult ours, PrometheusRuleEvaluation.Result theirs, int slos) {
        System.out.printf(Locale.ROOT, "## The same SLOs evaluated by Prometheus (Sloth's rules)%n%n");
        System.out.printf(Locale.ROOT, "| measure | dcsuite | Prometheus %s |%n|---|---:|---:|%n", theirs.version());
        System.out.printf(Locale.ROOT, "| rules per evaluation (groups) | %d SLOs | %,d (%,d groups) |%n", slos,
                theirs.rules(), theirs.groups());
        // Sloth writes three groups per SLO; an SLO is evaluated once all three have run.
        double prometheusSloEvaluations = theirs.completed() / 3;
        double prometheusCpuPerSlo = theirs.cpuSecondsPerMinute() * theirs.minutes() / prometheusSloEvaluations;
        double ourCpuPerSlo = ours.medianCycleCpuMs() / 1000 / slos;
        System.out.printf(Locale.ROOT, "| CPU used per minute of evaluation | %.2f s | %.2f s (of %d s on %d cores) |%n",
                ours.medianCycleCpuMs() / 1000, theirs.cpuSecondsPerMinute(),
                60 * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| group iterations evaluated / scheduled (missed: still busy with the last) "
                + "| | %,.0f / %,.0f (%.0f%% missed) |%n", theirs.completed(), theirs.scheduled(),
                100 * theirs.missed() / theirs.scheduled());
        System.out.printf(Locale.ROOT, "| rule evaluation failures | | %.0f |%n", theirs.failed());
        System.out.printf(Locale.ROOT, "| CPU per SLO evaluated | %.3f ms | %.3f ms |%n", ourCpuPerSlo * 1000,
                prometheusCpuPerSlo * 1000);
        System.out.printf(Locale.ROOT, "| CPU needed to evaluate all %d SLOs once a minute | %.2f s | %.1f s "
                + "(%.1f cores) |%n", slos, ours.medianCycleCpuMs() / 1000, prometheusCpuPerSlo * slos,
                prometheusCpuPerSlo * slos / 60);
        System.out.printf(Locale.ROOT, "| Prometheus CPU per SLO / dcsuite CPU per SLO | | **%.0fx** |%n",
                prometheusCpuPerSlo / ourCpuPerSlo);
        System.out.printf(Locale.ROOT, "| memory | %.0f MiB engine heap | %.0f MiB resident (%.0f MiB Go heap in use) |%n",
                ours.heapBytes() / 1048576.0, theirs.residentBytes() / 1048576.0, theirs.goHeapBytes() / 1048576.0);
        System.out.printf(Locale.ROOT, "| measured over | %s | %d minutes after warm-up |%n", "median cycle",
                theirs.minutes());
        System.out.printf(Locale.ROOT, "%nAgreement at the end of the history (error ratio per service, dcsuite's burn "
                + "rate x budget vs Prometheus's query at the same time):%n%n| window | SLOs compared | largest "
                + "relative difference |%n|---|---:|---:|%n");
        theirs.errorRatios().forEach((window, prometheus) -> {
            double worst = 0;
            int compared = 0;
            for (SloStatus s : ours.atEnd()) {
                Double burn = s.burnRates().get(window);
                Double expected = prometheus.get(s.service());
                if (burn == null || expected == null) {
                    continue;
                }
                compared++;
                double ratio = burn * (1 - s.objective());
                worst = Math.max(worst, Math.abs(ratio - expected) / Math.max(Math.abs(expected), 1e-12));
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.2e |%n", window, compared, worst);
        });
    }

    private static void addMinute(List<Sample> batch, long minute, double[] good, double[] bad) {
        for (int s = 0; s < good.length; s++) {
            batch.add(new Sample(RequestHistory.key(s, "500"), minute * MINUTE, bad[s]));
            batch.add(new Sample(RequestHistory.key(s, "200"), minute * MINUTE, good[s]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static SloDefinitions definitions(int count, int services, boolean occurrencesOnly) {
        double[] objectives = {0.99, 0.995, 0.999, 0.9995, 0.9999};
        int[] windowDays = {30, 28, 7};
        BudgetingMethod[] methods = BudgetingMethod.values();
        List<SloDefinition> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = i % services;
            int variant = i / services;
            String svc = RequestHistory.service(s);
            SliDefinition sli = new SliDefinition.Ratio(null,
                    SeriesSelector.parse(RequestHistory.METRIC + "{service=\"" + svc + "\",code=~\"5..\"}"),
                    SeriesSelector.parse(RequestHistory.METRIC + "{service=\"" + svc + "\"}"));
            BudgetingMethod method = occurrencesOnly ? BudgetingMethod.OCCURRENCES : methods[variant % methods.length];
            list.add(new SloDefinition("slo-" + i, svc, "", sli, method, objectives[variant % objectives.length],
                    Duration.ofMinutes(method == BudgetingMethod.OCCURRENCES ? 1 : 5), 0.99,
                    new SloWindow.Rolling(Duration.ofDays(windowDays[variant / methods.length % windowDays.length])),
                    DefaultAlertPolicy.get(), List.of(), 0, "benchmark"));
        }
        return SloDefinitions.of(list, List.of());
    }
}
