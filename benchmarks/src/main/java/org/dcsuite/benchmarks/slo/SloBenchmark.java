package org.dcsuite.benchmarks.slo;

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
import org.dcsuite.core.series.SeriesKey;
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
 * SLO evaluation cycles over a DuckDB store holding 30 days of request counters: N SLOs (10 per service, mixing
 * objectives, 7/28/30-day windows and the three budgeting methods) on {@code bench_requests_total} by service
 * and code. Each cycle appends one new minute of samples and evaluates every SLO incrementally; the baseline,
 * measured in the same run, is a fresh engine evaluating the same time, which reads the whole window again:
 * what an engine without incremental state pays every cycle.
 *
 * <p>History older than 3 days and 3 hours is scraped every 5 minutes, newer every minute (the engine reads
 * minute detail for the last 3 days and hours before that). Usage: {@code java -jar dcsuite-benchmarks.jar slo
 * [--slos N] [--services N] [--days D] [--cycles C]}.
 */
public final class SloBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final long MINUTE = 60_000;
    private static final String METRIC = "bench_requests_total";
    private static final int REQUESTS_PER_MINUTE = 600;

    private SloBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int slos = 10_000;
        int services = 1_000;
        int days = 30;
        int cycles = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--slos" -> slos = Integer.parseInt(args[++i]);
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("dcsuite-slo-bench");
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("slo.duckdb")))) {
            run(store, slos, services, days, cycles);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Bad requests of a service in a minute: a 0.1-0.2% background and a 40-request burst every 97 minutes. */
    private static double bad(long minute, int service) {
        return (minute + service) % 97 == 0 ? 40 : (minute * 7 + service) % 5 == 0 ? 1 : 0;
    }

    private static void run(TelemetryStore store, int sloCount, int services, int days, int cycles) {
        long t0 = T0.toEpochMilli() / MINUTE;
        long first = t0 - (days + 1) * 1440L;
        long detailFrom = t0 - 3 * 1440 - 180;
        double[] good = new double[services];
        double[] bad = new double[services];
        long loadStart = System.nanoTime();
        long samples = 0;
        List<Sample> batch = new ArrayList<>();
        for (long m = first; m <= t0; m++) {
            for (int s = 0; s < services; s++) {
                bad[s] += bad(m, s);
                good[s] += REQUESTS_PER_MINUTE - bad(m, s);
            }
            if (m < detailFrom && m % 5 != 0) {
                continue;
            }
            for (int s = 0; s < services; s++) {
                batch.add(new Sample(key(s, "500"), m * MINUTE, bad[s]));
                batch.add(new Sample(key(s, "200"), m * MINUTE, good[s]));
            }
            if (batch.size() >= 200_000) {
                store.append(batch);
                samples += batch.size();
                batch.clear();
            }
        }
        store.append(batch);
        samples += batch.size();
        batch.clear();
        store.refreshRollups();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        SloDefinitions definitions = definitions(sloCount, services);
        System.gc();
        long heapBefore = usedHeap();
        SloEngine engine = new SloEngine(store, definitions);
        long rebuildStart = System.nanoTime();
        engine.evaluate(T0);
        double rebuildMs = (System.nanoTime() - rebuildStart) / 1e6;
        System.gc();
        long heapAfter = usedHeap();

        double[] cycleMs = new double[cycles];
        List<SloStatus> last = List.of();
        for (int c = 1; c <= cycles; c++) {
            long m = t0 + c;
            for (int s = 0; s < services; s++) {
                bad[s] += bad(m, s);
                good[s] += REQUESTS_PER_MINUTE - bad(m, s);
                batch.add(new Sample(key(s, "500"), m * MINUTE, bad[s]));
                batch.add(new Sample(key(s, "200"), m * MINUTE, good[s]));
            }
            store.append(batch);
            batch.clear();
            long start = System.nanoTime();
            last = engine.evaluate(Instant.ofEpochMilli(m * MINUTE));
            cycleMs[c - 1] = (System.nanoTime() - start) / 1e6;
        }
        Instant end = T0.plus(Duration.ofMinutes(cycles));
        long freshStart = System.nanoTime();
        List<SloStatus> fresh = new SloEngine(store, definitions).evaluate(end);
        double freshMs = (System.nanoTime() - freshStart) / 1e6;
        double[] sorted = cycleMs.clone();
        Arrays.sort(sorted);
        double median = sorted[cycles / 2];
        long firing = last.stream().filter(s -> !s.alertsFiring().isEmpty()).count();

        System.out.printf(Locale.ROOT, "## SLO engine%n%n");
        System.out.printf(Locale.ROOT, "%d SLOs on %d services (%d series), %d days of history: %,d samples in DuckDB, "
                + "loaded with rollups in %.0f s.%n%n", sloCount, services, 2 * services, days, samples, loadSeconds);
        System.out.printf(Locale.ROOT, "| measure | value |%n|---|---|%n");
        System.out.printf(Locale.ROOT, "| incremental cycle (append 1 minute, evaluate all), median of %d | %.0f ms |%n",
                cycles, median);
        System.out.printf(Locale.ROOT, "| incremental cycle, slowest | %.0f ms |%n", sorted[cycles - 1]);
        System.out.printf(Locale.ROOT, "| baseline: fresh engine, whole windows re-read (same time) | %.0f ms |%n",
                freshMs);
        System.out.printf(Locale.ROOT, "| baseline / incremental | %.0fx |%n", freshMs / median);
        System.out.printf(Locale.ROOT, "| first evaluation (state built from the store) | %.0f ms |%n", rebuildMs);
        System.out.printf(Locale.ROOT, "| heap held by the engine | %.1f MiB, %.1f KiB per SLO |%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / sloCount);
        System.out.printf(Locale.ROOT, "| SLOs with a tier firing at the end | %d |%n", firing);
        System.out.printf(Locale.ROOT, "| incremental equals fresh at the end | %s |%n", fresh.equals(last));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static SeriesKey key(int service, String code) {
        return SeriesKey.of(METRIC, "service", "svc-" + service, "code", code);
    }

    private static SloDefinitions definitions(int count, int services) {
        double[] objectives = {0.99, 0.995, 0.999, 0.9995, 0.9999};
        int[] windowDays = {30, 28, 7};
        BudgetingMethod[] methods = BudgetingMethod.values();
        List<SloDefinition> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = i % services;
            int variant = i / services;
            String svc = "svc-" + s;
            SliDefinition sli = new SliDefinition.Ratio(null,
                    SeriesSelector.parse(METRIC + "{service=\"" + svc + "\",code=~\"5..\"}"),
                    SeriesSelector.parse(METRIC + "{service=\"" + svc + "\"}"));
            BudgetingMethod method = methods[variant % methods.length];
            list.add(new SloDefinition("slo-" + i, svc, "", sli, method, objectives[variant % objectives.length],
                    Duration.ofMinutes(method == BudgetingMethod.OCCURRENCES ? 1 : 5), 0.99,
                    new SloWindow.Rolling(Duration.ofDays(windowDays[variant / methods.length % windowDays.length])),
                    DefaultAlertPolicy.get(), List.of(), 0, "benchmark"));
        }
        return SloDefinitions.of(list, List.of());
    }
}
