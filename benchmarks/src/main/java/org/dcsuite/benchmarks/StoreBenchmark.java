package org.dcsuite.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Samples/s through {@link TelemetryStore#append} for DuckDB and PostgreSQL, each beside the raw baseline
 * measured in the same run on the same rows (DuckDB appender loop; PostgreSQL binary COPY through
 * CopyManager into an identically day-partitioned table), then range-query latency over the appended
 * samples with and without rollups.
 *
 * <p>Usage: {@code java -jar benchmarks/target/dcsuite-benchmarks.jar [--samples N] [--series N] [--batch N]
 * [--pg URL | --no-pg]}. Results go to stdout as Markdown for docs/benchmarks.md.
 */
public final class StoreBenchmark {

    private static final long INTERVAL_MS = 10_000;
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String METRIC = "bench.power";
    private static final int QUERY_RUNS = 5;

    private final int seriesCount;
    private final int perSeries;
    private final int batchSize;
    private final SeriesKey[] keys;
    private final List<String> report = new ArrayList<>();
    private final List<String> appendTable = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> queryTables = new ArrayList<>();

    private StoreBenchmark(long samples, int seriesCount, int batchSize) {
        this.seriesCount = seriesCount;
        this.perSeries = (int) (samples / seriesCount);
        this.batchSize = batchSize;
        this.keys = new SeriesKey[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            keys[s] = SeriesKey.of(METRIC, "site", "site-" + (s % 3), "rack", "r" + (s % 40), "device", "dev-" + s);
        }
    }

    public static void main(String[] args) throws Exception {
        long samples = 10_000_000;
        int series = 1000;
        int batch = 10_000;
        String pg = System.getenv().getOrDefault("DCSUITE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--samples" -> samples = Long.parseLong(args[++i]);
                case "--series" -> series = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--pg" -> pg = args[++i];
                case "--no-pg" -> pg = null;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --samples N --series N --batch N --pg URL --no-pg");
            }
        }
        StoreBenchmark b = new StoreBenchmark(samples, series, batch);
        b.header();
        Path dir = Files.createTempDirectory("dcsuite-bench");
        try {
            b.duckdb(dir);
            if (pg != null) {
                b.postgres(pg);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
        b.report.add("| store | raw baseline | TelemetryStore.append | append / raw |");
        b.report.add("|---|---|---|---|");
        b.report.addAll(b.appendTable);
        b.report.add("");
        b.report.addAll(b.notes);
        b.report.addAll(b.queryTables);
        b.report.forEach(System.out::println);
    }

    private long total() {
        return (long) perSeries * seriesCount;
    }

    private long timeOf(int i) {
        return T0 + i * INTERVAL_MS;
    }

    private static double valueOf(int s, int i) {
        return s + i * 0.5;
    }

    private void header() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.add("Workload: " + String.format(Locale.ROOT, "%,d", total()) + " samples = " + seriesCount
                + " series x " + perSeries + " samples every 10 s (" + Duration.ofMillis(perSeries * INTERVAL_MS).toHours()
                + " h), written time-major in batches of " + batchSize + ".");
        report.add("");
    }

    // ---- DuckDB ----

    private void duckdb(Path dir) throws Exception {
        // Alternate raw and store twice and keep each one's best, so warm-up and file-system caches favour neither.
        double raw = Math.max(rawDuckDb(dir.resolve("raw1.duckdb")), 0);
        double store = appendThroughStore("duckdb:" + dir.resolve("store1.duckdb"), true);
        raw = Math.max(raw, rawDuckDb(dir.resolve("raw2.duckdb")));
        store = Math.max(store, appendThroughStore("duckdb:" + dir.resolve("store2.duckdb"), false));
        appendRow("DuckDB", raw, store);
        queries("DuckDB", "duckdb:" + dir.resolve("store2.duckdb"));
    }

    private double rawDuckDb(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE samples (time BIGINT NOT NULL, series_id BIGINT NOT NULL, value DOUBLE NOT NULL)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            int s = 0;
            int i = 0;
            long written = 0;
            while (written < total()) {
                try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class)
                        .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                    for (int n = 0; n < batchSize && written < total(); n++, written++) {
                        appender.beginRow().append(timeOf(i)).append((long) s + 1).append(valueOf(s, i)).endRow();
                        if (++s == seriesCount) {
                            s = 0;
                            i++;
                        }
                    }
                }
                c.commit();
            }
            return rate(total(), System.nanoTime() - start);
        }
    }

    // ---- PostgreSQL ----

    private void postgres(String baseUrl) throws Exception {
        String rawSchema = "bench_raw_" + suffix();
        String storeSchema1 = "bench_store_" + suffix();
        String storeSchema2 = "bench_store_" + suffix();
        try {
            double raw = rawPostgres(baseUrl, rawSchema);
            double store = appendThroughStore(withSchema(baseUrl, storeSchema1), true);
            dropSchema(baseUrl, rawSchema);
            dropSchema(baseUrl, storeSchema1);
            raw = Math.max(raw, rawPostgres(baseUrl, rawSchema));
            store = Math.max(store, appendThroughStore(withSchema(baseUrl, storeSchema2), false));
            appendRow("PostgreSQL", raw, store);
            queries("PostgreSQL", withSchema(baseUrl, storeSchema2));
        } catch (SQLException e) {
            notes.add("PostgreSQL skipped: " + e.getMessage());
        } finally {
            dropSchema(baseUrl, rawSchema);
            dropSchema(baseUrl, storeSchema1);
            dropSchema(baseUrl, storeSchema2);
        }
    }

    private double rawPostgres(String baseUrl, String schema) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(baseUrl)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
                st.execute("CREATE TABLE " + schema + ".samples (time timestamptz NOT NULL, series_id bigint NOT NULL,"
                        + " value double precision NOT NULL) PARTITION BY RANGE (time)");
                long days = (perSeries * INTERVAL_MS) / 86_400_000L + 1;
                for (int d = 0; d < days; d++) {
                    Instant from = Instant.ofEpochMilli(T0).plus(Duration.ofDays(d));
                    st.execute("CREATE TABLE " + schema + ".samples_" + d + " PARTITION OF " + schema + ".samples FOR VALUES FROM ('"
                            + from + "') TO ('" + from.plus(Duration.ofDays(1)) + "')");
                }
            }
            String copy = "COPY " + schema + ".samples (time, series_id, value) FROM STDIN (FORMAT BINARY)";
            ByteBuffer buf = ByteBuffer.allocate(1 << 17);
            long pgEpochMicros = 946_684_800_000_000L;
            long start = System.nanoTime();
            int s = 0;
            int i = 0;
            long written = 0;
            while (written < total()) {
                CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
                buf.clear();
                buf.put(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0}).putInt(0).putInt(0);
                for (int n = 0; n < batchSize && written < total(); n++, written++) {
                    if (buf.remaining() < 40) {
                        in.writeToCopy(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putShort((short) 3).putInt(8).putLong(timeOf(i) * 1000 - pgEpochMicros)
                            .putInt(8).putLong(s + 1).putInt(8).putDouble(valueOf(s, i));
                    if (++s == seriesCount) {
                        s = 0;
                        i++;
                    }
                }
                buf.putShort((short) -1);
                in.writeToCopy(buf.array(), 0, buf.position());
                in.endCopy();
            }
            return rate(total(), System.nanoTime() - start);
        }
    }

    private static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void dropSchema(String url, String schema) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    // ---- through the store ----

    private TelemetryStore open(String url) {
        // The clock sits just after the data, so retention keeps all of it.
        Clock clock = Clock.fixed(Instant.ofEpochMilli(timeOf(perSeries)).plus(Duration.ofHours(1)), ZoneOffset.UTC);
        return TelemetryStores.open(new StoreSettings(url, RetentionPolicy.DEFAULT, clock));
    }

    private double appendThroughStore(String url, boolean first) {
        try (TelemetryStore store = open(url)) {
            store.describe(MetricDescriptor.gauge(METRIC, Unit.WATT));
            // Only the append calls are timed: a collector hands the store samples it already holds, while the
            // raw loop's inline arithmetic costs next to nothing. Building the batches is the workload, not the store.
            long appendNanos = 0;
            int s = 0;
            int i = 0;
            long written = 0;
            List<Sample> batch = new ArrayList<>(batchSize);
            while (written < total()) {
                batch.clear();
                for (int n = 0; n < batchSize && written < total(); n++, written++) {
                    batch.add(new Sample(keys[s], timeOf(i), valueOf(s, i)));
                    if (++s == seriesCount) {
                        s = 0;
                        i++;
                    }
                }
                long t0 = System.nanoTime();
                store.append(batch);
                appendNanos += System.nanoTime() - t0;
            }
            double rate = rate(total(), appendNanos);
            if (!first) {
                long t = System.nanoTime();
                store.refreshRollups();
                notes.add("Rollup refresh after the append (" + (url.startsWith("duckdb:") ? "DuckDB" : "PostgreSQL") + "): "
                        + ms(System.nanoTime() - t) + " ms  ");
            }
            return rate;
        }
    }

    private void queries(String name, String url) {
        try (TelemetryStore store = open(url)) {
            Instant from = Instant.ofEpochMilli(T0);
            Instant to = Instant.ofEpochMilli(timeOf(perSeries - 1));
            Instant misaligned = from.plusMillis(1); // buckets no longer fall on rollup boundaries: raw is read
            SeriesSelector all = SeriesSelector.metric(METRIC);
            SeriesSelector one = SeriesSelector.parse(METRIC + "{device=\"dev-7\"}");
            queryTables.add("");
            queryTables.add("Range queries on " + name + " over all " + perSeries * INTERVAL_MS / 3_600_000
                    + " h (median of " + QUERY_RUNS + " after one warm-up):");
            queryTables.add("");
            queryTables.add("| query | from rollups | from raw | raw / rollups |");
            queryTables.add("|---|---|---|---|");
            queryRow(store, "avg of " + seriesCount + " series, step 1h", all, from, misaligned, to, Duration.ofHours(1), Aggregation.AVG);
            queryRow(store, "rate of " + seriesCount + " series, step 1h", all, from, misaligned, to, Duration.ofHours(1), Aggregation.RATE);
            queryRow(store, "max of 1 series, step 5m", one, from, misaligned, to, Duration.ofMinutes(5), Aggregation.MAX);
        }
    }

    private void queryRow(TelemetryStore store, String label, SeriesSelector selector, Instant aligned,
            Instant misaligned, Instant to, Duration step, Aggregation agg) {
        Supplier<List<RangeSeries>> rollup = () -> store.query(RangeQuery.of(selector, aligned, to, step, agg));
        Supplier<List<RangeSeries>> raw = () -> store.query(RangeQuery.of(selector, misaligned, to, step, agg));
        long a = median(rollup);
        long b = median(raw);
        queryTables.add(String.format(Locale.ROOT, "| %s | %d ms | %d ms | %.1fx |", label, a, b, (double) b / Math.max(a, 1)));
    }

    private static long median(Supplier<List<RangeSeries>> query) {
        if (query.get().isEmpty()) {
            throw new IllegalStateException("benchmark query returned no series");
        }
        long[] t = new long[QUERY_RUNS];
        for (int r = 0; r < QUERY_RUNS; r++) {
            long start = System.nanoTime();
            query.get();
            t[r] = ms(System.nanoTime() - start);
        }
        Arrays.sort(t);
        return t[QUERY_RUNS / 2];
    }

    private void appendRow(String name, double raw, double store) {
        appendTable.add(String.format(Locale.ROOT, "| %s | %,.0f samples/s | %,.0f samples/s | %.2f |", name, raw, store, store / raw));
    }

    private static double rate(long n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
