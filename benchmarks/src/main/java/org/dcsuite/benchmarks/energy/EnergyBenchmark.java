package org.dcsuite.benchmarks.energy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.report.EnergyReport;
import org.dcsuite.energy.report.EnergyService;

/**
 * Energy reports over a DuckDB store holding one site shaped like the demo's Oslo: a facility energy meter, the
 * UPS input and two cooling units' power (the zone's total), and 150 PDU outlets' energy counters (IT, category
 * 2), every 30 s for 30 days. dcsuite's report reads each meter with one store query per aggregation, however
 * many series its selector matches. The baseline, measured in the same run on the same store, is the same report
 * with every outlet written as a meter of its own: one query per series, how reports read before. Runs
 * alternate; each keeps its median. Usage: {@code java -jar dcsuite-benchmarks.jar energy [--days D]
 * [--outlets N] [--runs R] [--no-baseline]} (the last for profiling dcsuite's side alone).
 */
public final class EnergyBenchmark {

    private static final String SITE = "bench-site";
    private static final long INTERVAL_MILLIS = 30_000;
    private static final int OUTLETS_PER_PDU = 15;
    private static final MetricDescriptor ENERGY = new MetricDescriptor("hw.energy", Unit.of("J"), MetricKind.COUNTER,
            "Energy delivered");
    private static final MetricDescriptor POWER = new MetricDescriptor("hw.power", Unit.of("W"), MetricKind.GAUGE,
            "Power drawn");

    private EnergyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = 30;
        int outlets = 150;
        int runs = 5;
        boolean baselineToo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--outlets" -> outlets = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-baseline" -> baselineToo = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("dcsuite-energy-bench");
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("energy.duckdb")))) {
            Instant end = Instant.parse("2026-11-24T00:00:00Z");
            long samples = load(store, end, days, outlets);
            EnergyService ours = service(dir.resolve("grouped"), outletSelector(), store);
            EnergyService baseline = service(dir.resolve("per-series"), perOutlet(outlets), store);
            System.out.printf(Locale.ROOT, "## Energy reports%n%nOne site, %d outlet counters + 4 meters every 30 s "
                    + "for %d days: %,d samples in DuckDB. Median of %d runs each, alternating.%n%n", outlets, days,
                    samples, runs);
            System.out.printf(Locale.ROOT, "| range | one query per series (baseline) | one query per meter and "
                    + "aggregation | baseline / dcsuite | PUE (1.4 by construction) | same KPIs |%n|---|---:|---:|---:|---:|---|%n");
            for (Duration range : List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(days))) {
                Instant from = end.minus(range);
                double[] oursMs = new double[runs];
                double[] baseMs = new double[runs];
                EnergyReport a = null;
                EnergyReport b = null;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    b = baselineToo ? baseline.site(SITE, from, end, Optional.empty()) : null;
                    baseMs[r] = (System.nanoTime() - t) / 1e6;
                    t = System.nanoTime();
                    a = ours.site(SITE, from, end, Optional.empty());
                    oursMs[r] = (System.nanoTime() - t) / 1e6;
                }
                System.out.printf(Locale.ROOT, "| %d d | %.0f ms | %.0f ms | %.1fx | %.4f | %s |%n", range.toDays(),
                        median(baseMs), median(oursMs), median(baseMs) / median(oursMs),
                        a.total().kpi("pue").orElseThrow().value().orElse(Double.NaN), b != null && kpis(a).equals(kpis(b)));
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Outlets draw 150-250 W with a daily swing; the facility meter counts 1.4 times their energy. */
    private static long load(TelemetryStore store, Instant end, int days, int outlets) {
        store.describe(ENERGY);
        store.describe(POWER);
        long first = end.minus(Duration.ofDays(days + 1)).toEpochMilli();
        double[] outletJoules = new double[outlets];
        double facilityJoules = 0;
        List<Sample> batch = new ArrayList<>();
        long samples = 0;
        for (long t = first; t <= end.toEpochMilli(); t += INTERVAL_MILLIS) {
            double day = Math.sin(2 * Math.PI * (t % 86_400_000) / 86_400_000.0);
            double itWatts = 0;
            for (int o = 0; o < outlets; o++) {
                double watts = 200 + 50 * day * ((o % 3) - 1) + (o % 7);
                itWatts += watts;
                outletJoules[o] += watts * INTERVAL_MILLIS / 1000.0;
                batch.add(new Sample(outlet(o), t, outletJoules[o]));
            }
            facilityJoules += 1.4 * itWatts * INTERVAL_MILLIS / 1000.0;
            batch.add(new Sample(SeriesKey.of("hw.energy", "site", SITE, "device", "meter", "direction", "import"), t,
                    facilityJoules));
            batch.add(new Sample(SeriesKey.of("hw.power", "site", SITE, "device", "ups", "hw.id", "input"), t,
                    1.1 * itWatts));
            for (int c = 1; c <= 2; c++) {
                batch.add(new Sample(SeriesKey.of("hw.power", "site", SITE, "device", "crac-" + c, "hw.id", "cooling"),
                        t, 0.12 * itWatts));
            }
            if (batch.size() >= 100_000) {
                store.append(batch);
                samples += batch.size();
                batch.clear();
            }
        }
        store.append(batch);
        samples += batch.size();
        store.refreshRollups();
        return samples;
    }

    private static SeriesKey outlet(int o) {
        return SeriesKey.of("hw.energy", "site", SITE, "device", "pdu-" + (o / OUTLETS_PER_PDU), "room", "room-1",
                "hw.id", "outlet-" + (o % OUTLETS_PER_PDU));
    }

    private static String outletSelector() {
        return "      - series: 'hw.energy{site=\"" + SITE + "\",hw.id=~\"outlet-.*\"}'\n";
    }

    private static String perOutlet(int outlets) {
        StringBuilder sb = new StringBuilder();
        for (int o = 0; o < outlets; o++) {
            SeriesKey k = outlet(o);
            sb.append("      - series: 'hw.energy{device=\"").append(k.label("device")).append("\",hw.id=\"")
                    .append(k.label("hw.id")).append("\"}'\n");
        }
        return sb.toString();
    }

    /** An energy configuration whose IT and zone IT meters are the given meter list. */
    private static EnergyService service(Path configDir, String itMeters, TelemetryStore store) throws Exception {
        Files.createDirectories(configDir.resolve(EnergyConfigReader.FOLDER));
        String zoneIt = itMeters.lines().map(l -> "    " + l + "\n").collect(Collectors.joining());
        Files.writeString(configDir.resolve(EnergyConfigReader.FOLDER).resolve(SITE + ".yaml"), """
                version: dcsuite/v1
                energy:
                  site: %s
                  max_gap: 5m
                  facility:
                    meters:
                      - series: 'hw.energy{device="meter",direction="import"}'
                  it:
                    category: 2
                    meters:
                %s  zones:
                    - id: room-1
                      total:
                        meters:
                          - series: 'hw.power{device="ups",hw.id="input"}'
                          - series: 'hw.power{device=~"crac-.*",hw.id="cooling"}'
                      it:
                        meters:
                %s  carbon:
                    grid: { source: constant, value: 24 }
                  price: { source: constant, value: 1.10, currency: NOK }
                """.formatted(SITE, itMeters, zoneIt));
        return new EnergyService(EnergyConfigReader.load(configDir, Optional.empty()), List.of(), store,
                Clock.systemUTC());
    }

    /** Each KPI's id, zone and value, to check both reports computed the same. */
    private static List<String> kpis(EnergyReport report) {
        return report.total().kpis().stream().map(k -> k.id() + k.zone().map(z -> "@" + z).orElse("") + "="
                + (k.value().isPresent() ? String.format(Locale.ROOT, "%.9g", k.value().getAsDouble()) : "none"))
                .toList();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
