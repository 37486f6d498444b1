package org.dcsuite.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.WindowAssembler;
import org.dcsuite.core.store.WindowStats;

/**
 * What the SQL stores share: the series catalogue, selector matching in Java, per-bucket statistics computed
 * in SQL, rollup maintenance with dirty ranges, retention and migrations. Subclasses supply connections, the
 * bulk write path and the few SQL fragments that differ between dialects (how times are stored and bucketed).
 *
 * <p>One connection writes and one reads, each behind its own lock, so a long query does not hold up appends.
 * Reads of one call run in one transaction, so rollup and raw parts of a query see the same snapshot.
 */
abstract class JdbcTelemetryStore implements TelemetryStore {

    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;

    static final String MINUTE_WATERMARK = "rollup_1m_watermark";
    static final String HOUR_WATERMARK = "rollup_1h_watermark";
    static final String RAW_CUTOFF = "raw_retention_cutoff";
    static final String MINUTE_CUTOFF = "minute_retention_cutoff";

    private static final String ROLLUP_COLUMNS = "series_id, bucket, sample_count, value_sum, value_min, value_max,"
            + " first_time, last_time, first_value, last_value, increase";

    final StoreSettings settings;
    final String location;
    final SeriesCatalogue catalogue = new SeriesCatalogue();
    /** Present when {@link #singleWriter()}: every append passes through here, so the newest samples can be kept. */
    private NewestSamples newest;
    private final Map<String, MetricDescriptor> metrics = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private Connection writer;
    private Connection reader;
    private volatile boolean closed;
    // The 1-minute watermark as last read or written by this process (guarded by writeLock).
    private long minuteWatermark = Long.MAX_VALUE;

    // Append buffers reused across calls (guarded by writeLock) so a batch allocates nothing per sample.
    private long[] times = new long[0];
    private long[] ids = new long[0];
    private double[] values = new double[0];

    JdbcTelemetryStore(StoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.location = settings.redactedUrl();
    }

    // ---- dialect hooks

    /** "DuckDB" or "PostgreSQL", for messages. */
    abstract String storeName();

    /** The migrations folder name. */
    abstract String dialect();

    abstract Connection connect() throws SQLException;

    /** Writes one batch inside the caller's transaction. */
    abstract void writeSamples(Connection c, long[] times, long[] ids, double[] values, int n) throws SQLException;

    /** A SQL literal for a time in the type of the time columns. */
    abstract String timeLiteral(long millis);

    /** A SQL expression for a time parameter given as epoch milliseconds ({@code setLong}). */
    abstract String timeParam();

    /** A SQL expression turning a time column value into epoch milliseconds. */
    abstract String toMillis(String expr);

    /**
     * A SQL expression for the end of the right-closed bucket {@code (end - width, end]} holding expr, with bucket
     * ends at {@code origin + k * width}; every value of expr is known to be after {@code after}.
     */
    abstract String bucketEnd(String expr, long width, long origin, long after);

    abstract String isNaN(String expr);

    /** The placeholder for an attributes JSON parameter. */
    abstract String jsonParam();

    abstract boolean isRetryable(SQLException e);

    /** Keeps other processes from migrating, refreshing rollups or expiring data at the same time. */
    void lockExclusive(Connection c) throws SQLException {
    }

    /** Keeps a rollup refresh in another process from running while this transaction appends. */
    void lockShared(Connection c) throws SQLException {
    }

    void beforeMigrations(Connection c) throws SQLException {
    }

    void afterMigrations(Connection c) throws SQLException {
    }

    void configureReader(Connection c) throws SQLException {
    }

    /** Runs before the append transaction, e.g. to create the partitions the batch needs. */
    void prepareAppend(Connection c, long[] times, int n) throws SQLException {
    }

    /** Deletes raw samples before the cutoff; returns how many. */
    long deleteRawBefore(Connection c, long cutoffMillis) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate("DELETE FROM samples WHERE time < " + timeLiteral(cutoffMillis));
        }
    }

    void closeResources() {
    }

    /** Runs at the end of a rollup refresh, in its transaction. */
    void afterRollupRefresh(Connection c, long minuteWatermark) throws SQLException {
    }

    /**
     * Whether this process is the only writer, so the 1-minute watermark it last saw is the current one and
     * appends at or above it need not ask the database whether they are late.
     */
    boolean singleWriter() {
        return false;
    }

    // ---- life cycle

    /** Migrates the schema and loads the catalogue; subclasses call it last in their constructor. */
    final void initialise() {
        writeLock.lock();
        try {
            Connection c = writer();
            try {
                lockExclusive(c);
                beforeMigrations(c);
                new SchemaMigrations(dialect()).migrate(c, location);
                afterMigrations(c);
                c.commit();
                loadMetrics(c);
                refreshCatalogue(c);
                newest = singleWriter() ? new NewestSamples() : null;
                minuteWatermark = state(c, MINUTE_WATERMARK);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("opening", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String describeLocation() {
        return location;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeLock.lock();
        readLock.lock();
        try {
            closeQuietly(writer);
            closeQuietly(reader);
            writer = null;
            reader = null;
            closeResources();
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return storeName() + " store " + location;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException(storeName() + " store " + location + " is closed", false);
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null || writer.isClosed()) {
            writer = connect();
            writer.setAutoCommit(false);
        }
        return writer;
    }

    private Connection reader() throws SQLException {
        if (reader == null || reader.isClosed()) {
            reader = connect();
            reader.setAutoCommit(false);
            configureReader(reader);
        }
        return reader;
    }

    StoreException failure(String action, SQLException e) {
        return new StoreException(storeName() + " store " + location + ": " + action + " failed: " + e.getMessage(),
                isRetryable(e), e);
    }

    /** Rolls back and, when the connection itself broke, drops it so the next call reconnects. */
    private StoreException fail(Connection c, String action, Exception e) {
        rollbackQuietly(c);
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof SQLException sql) {
            if (isRetryable(sql)) {
                closeQuietly(c);
            }
            return failure(action, sql);
        }
        return new StoreException(storeName() + " store " + location + ": " + action + " failed: " + e, false, e);
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (c != null && !c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing is best effort; nothing useful can be done with the error.
        }
    }

    // ---- metadata

    @Override
    public void describe(MetricDescriptor metric) {
        Objects.requireNonNull(metric, "metric");
        write("describing metric " + metric.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics (name, unit, kind, description) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET unit = EXCLUDED.unit, "
                    + "kind = EXCLUDED.kind, description = EXCLUDED.description")) {
                ps.setString(1, metric.name());
                ps.setString(2, metric.unit().code());
                ps.setString(3, metric.kind().name());
                ps.setString(4, metric.description());
                ps.executeUpdate();
            }
            return null;
        });
        // Known once committed.
        metrics.put(metric.name(), metric);
    }

    private void loadMetrics(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, unit, kind, description FROM metrics")) {
            while (rs.next()) {
                MetricKind kind;
                try {
                    kind = MetricKind.valueOf(rs.getString(3));
                } catch (IllegalArgumentException e) {
                    kind = MetricKind.UNKNOWN;
                }
                metrics.put(rs.getString(1),
                        new MetricDescriptor(rs.getString(1), Unit.of(rs.getString(2)), kind, rs.getString(4)));
            }
        }
    }

    /** Loads series created since the last refresh, by this or any other process. */
    private void refreshCatalogue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, metric, attributes, unit FROM series WHERE id > ? ORDER BY id")) {
            ps.setLong(1, catalogue.refreshedUpTo());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SeriesKey key = SeriesKey.of(rs.getString(2), AttributesJson.decode(rs.getString(3)));
                    catalogue.addLoaded(new SeriesCatalogue.Entry(rs.getLong(1), key, Unit.of(rs.getString(4))));
                }
            }
        }
    }

    private <T> T read(String action, SqlWork<T> work) {
        ensureOpen();
        readLock.lock();
        Connection c = null;
        try {
            ensureOpen();
            c = reader();
            refreshCatalogue(c);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            throw fail(c, action, e);
        } finally {
            readLock.unlock();
        }
    }

    /** Runs one write transaction on the writer connection, under the write lock; commits when {@code work} returns. */
    private <T> T write(String action, SqlWork<T> work) {
        ensureOpen();
        writeLock.lock();
        Connection c = null;
        try {
            ensureOpen();
            c = writer();
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            throw fail(c, action, e);
        } finally {
            writeLock.unlock();
        }
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public List<SeriesInfo> series(List<SeriesSelector> selectors) {
        Objects.requireNonNull(selectors, "selectors");
        return read("listing series", c -> {
            loadMetrics(c);
            List<SeriesInfo> out = new ArrayList<>();
            for (SeriesCatalogue.Entry e : catalogue.matching(selectors)) {
                MetricDescriptor d = metrics.get(e.key().metric());
                out.add(new SeriesInfo(e.key(), e.unit(), d == null ? MetricKind.UNKNOWN : d.kind()));
            }
            out.sort(Comparator.comparing(SeriesInfo::series));
            return out;
        });
    }

    @Override
    public List<String> labelNames(List<SeriesSelector> selectors) {
        Objects.requireNonNull(selectors, "selectors");
        return read("listing label names", c -> {
            TreeSet<String> names = new TreeSet<>();
            for (SeriesCatalogue.Entry e : catalogue.matching(selectors)) {
                names.add(SeriesKey.NAME_LABEL);
                names.addAll(e.key().attributes().keySet());
            }
            return List.copyOf(names);
        });
    }

    @Override
    public List<String> labelValues(String label, List<SeriesSelector> selectors) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(selectors, "selectors");
        return read("listing values of label " + label, c -> {
            TreeSet<String> out = new TreeSet<>();
            for (SeriesCatalogue.Entry e : catalogue.matching(selectors)) {
                String v = e.key().label(label);
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
            return List.copyOf(out);
        });
    }

    // ---- append

    @Override
    public void append(Collection<Sample> samples) {
        Objects.requireNonNull(samples, "samples");
        ensureOpen();
        if (samples.isEmpty()) {
            return;
        }
        writeLock.lock();
        Connection c = null;
        int n = samples.size();
        try {
            ensureOpen();
            c = writer();
            if (times.length < n) {
                times = new long[n];
                ids = new long[n];
                values = new double[n];
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            boolean missing = false;
            int i = 0;
            for (Sample s : samples) {
                SeriesCatalogue.Entry e = catalogue.get(s.series());
                if (e == null) {
                    missing = true;
                    ids[i] = -1;
                } else {
                    ids[i] = e.id();
                }
                long t = s.timeMillis();
                times[i] = t;
                values[i] = s.value();
                min = Math.min(min, t);
                max = Math.max(max, t);
                i++;
            }
            if (i != n) {
                throw new IllegalArgumentException("the sample collection changed size while being appended");
            }
            if (missing) {
                resolveNewSeries(c, samples);
            }
            prepareAppend(c, times, n);
            lockShared(c);
            writeSamples(c, times, ids, values, n);
            markDirty(c, min, max);
            c.commit();
            if (newest != null) {
                for (int k = 0; k < n; k++) {
                    newest.offer(ids[k], times[k], values[k]);
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw fail(c, "appending " + n + " samples", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * New series per INSERT statement: one round trip creates them all (a collector starting thousands of devices
     * creates hundreds of thousands of series at once), and 500 rows of 2 parameters stay far below any driver's
     * parameter limit.
     */
    private static final int SERIES_PER_INSERT = 500;

    /** Creates the series the batch introduces (in its own transaction, so a failed batch leaves them behind). */
    private void resolveNewSeries(Connection c, Collection<Sample> samples) throws SQLException {
        Set<SeriesKey> keys = new LinkedHashSet<>();
        int i = 0;
        for (Sample s : samples) {
            if (ids[i++] == -1) {
                keys.add(s.series());
            }
        }
        List<SeriesKey> pending = new ArrayList<>(keys);
        List<SeriesCatalogue.Entry> created = new ArrayList<>(pending.size());
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, unit FROM series WHERE metric = ? AND attributes = " + jsonParam())) {
            for (int from = 0; from < pending.size(); from += SERIES_PER_INSERT) {
                List<SeriesKey> chunk = pending.subList(from, Math.min(pending.size(), from + SERIES_PER_INSERT));
                Map<SeriesKey, SeriesCatalogue.Entry> inserted = insertSeries(c, chunk);
                created.addAll(inserted.values());
                for (SeriesKey key : chunk) {
                    if (!inserted.containsKey(key)) {
                        created.add(existingSeries(select, key)); // another writer created it first
                    }
                }
            }
        }
        c.commit();
        created.forEach(catalogue::add);
        if (newest != null) {
            // Only this process writes, so a series it just created holds nothing yet.
            created.forEach(e -> newest.known(e.id(), NewestSamples.EMPTY));
        }
        i = 0;
        for (Sample s : samples) {
            if (ids[i] == -1) {
                ids[i] = catalogue.get(s.series()).id();
            }
            i++;
        }
    }

    /** Inserts the series that do not exist yet and returns those this statement created, by key. */
    private Map<SeriesKey, SeriesCatalogue.Entry> insertSeries(Connection c, List<SeriesKey> chunk) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO series (metric, attributes, unit) "
                + "SELECT v.metric, v.attributes, COALESCE(m.unit, '') FROM (VALUES ");
        for (int k = 0; k < chunk.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("(?, ").append(jsonParam()).append(')');
        }
        sql.append(") AS v(metric, attributes) LEFT JOIN metrics m ON m.name = v.metric "
                + "ON CONFLICT (metric, attributes) DO NOTHING RETURNING id, metric, attributes, unit");
        Map<SeriesKey, SeriesCatalogue.Entry> inserted = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (SeriesKey key : chunk) {
                insert.setString(p++, key.metric());
                insert.setString(p++, AttributesJson.encode(key.attributes()));
            }
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    SeriesKey returned = SeriesKey.of(rs.getString(2), AttributesJson.decode(rs.getString(3)));
                    inserted.put(returned, new SeriesCatalogue.Entry(rs.getLong(1), returned, Unit.of(rs.getString(4))));
                }
            }
        }
        return inserted;
    }

    private static SeriesCatalogue.Entry existingSeries(PreparedStatement select, SeriesKey key) throws SQLException {
        select.setString(1, key.metric());
        select.setString(2, AttributesJson.encode(key.attributes()));
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("series " + key + " neither inserted nor found");
            }
            return new SeriesCatalogue.Entry(rs.getLong(1), key, Unit.of(rs.getString(2)));
        }
    }

    /**
     * Remembers a batch that reaches into rolled-up time (at or below the 1-minute watermark), so the next
     * refresh recomputes it.
     */
    private void markDirty(Connection c, long firstMillis, long lastMillis) throws SQLException {
        if (singleWriter() && firstMillis > minuteWatermark) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_dirty (first_ms, last_ms) SELECT ?, ? "
                + "FROM store_state WHERE name = '" + MINUTE_WATERMARK + "' AND value >= ?")) {
            ps.setLong(1, firstMillis);
            ps.setLong(2, lastMillis);
            ps.setLong(3, firstMillis);
            ps.executeUpdate();
        }
    }

    // ---- queries

    @Override
    public List<RangeSeries> query(RangeQuery query) {
        Objects.requireNonNull(query, "query");
        return read("querying " + query.selector(), c -> {
            List<SeriesCatalogue.Entry> matched = catalogue.matching(List.of(query.selector()));
            if (matched.isEmpty()) {
                return List.of();
            }
            Map<Long, SeriesBuckets> byId = new HashMap<>();
            for (SeriesCatalogue.Entry e : matched) {
                byId.put(e.id(), new SeriesBuckets(e));
            }
            String idFilter = idFilter(matched);
            long g = query.bucketMillis();
            long from = query.fromMillis();
            // Windows are (t - window, t]: samples after the first window's start, up to the last step time.
            long scanAfter = from - query.windowMillis();
            long scanUntil = from + (query.toMillis() - from) / query.stepMillis() * query.stepMillis();
            boolean ordered = needsOrder(query.aggregation());
            long rawAfter = scanAfter;
            long resolution = rollupResolution(g, from);
            if (resolution > 0) {
                long watermark = state(c, resolution == HOUR ? HOUR_WATERMARK : MINUTE_WATERMARK);
                // Whole output buckets only (ends congruent to from), so no bucket mixes rollup and raw parts.
                long rollupUntil = from + Math.floorDiv(Math.min(watermark, scanUntil) - from, g) * g;
                if (rollupUntil > scanAfter) {
                    String table = resolution == HOUR ? "rollup_1h" : "rollup_1m";
                    String source = rollupSource(table, idFilter, scanAfter, rollupUntil);
                    // A bucket as wide as the rollup's holds exactly one rollup row: no merging, no window sort.
                    collect(c, resolution == g ? oneRowPerBucketSql(source)
                            : windowSql(source, g, from, scanAfter, ordered, true), byId);
                    rawAfter = rollupUntil;
                }
            }
            if (rawAfter < scanUntil) {
                collect(c, windowSql(rawSource(idFilter, rawAfter, scanUntil), g, from, rawAfter, ordered, true),
                        byId);
            }
            List<RangeSeries> out = new ArrayList<>();
            for (SeriesBuckets b : byId.values()) {
                if (b.size == 0) {
                    continue;
                }
                List<Point> points = WindowAssembler.points(query, b.ends, b.stats, b.size);
                if (!points.isEmpty()) {
                    out.add(new RangeSeries(b.entry.key(), b.entry.unit(), points));
                }
            }
            out.sort(Comparator.comparing(RangeSeries::series));
            return out;
        });
    }

    /** The coarsest rollup whose buckets tile the query's buckets (ends aligned to from); 0 when none does. */
    static long rollupResolution(long bucketMillis, long fromMillis) {
        for (long r : new long[] {HOUR, MINUTE}) {
            if (bucketMillis % r == 0 && Math.floorMod(fromMillis, r) == 0) {
                return r;
            }
        }
        return 0;
    }

    private static boolean needsOrder(Aggregation a) {
        return a == Aggregation.LAST || a.isCounterFunction();
    }

    /** Null when every known series is selected, so the scan needs no id filter. */
    private String idFilter(List<SeriesCatalogue.Entry> matched) {
        if (matched.size() == catalogue.size()) {
            return null;
        }
        long[] sorted = matched.stream().mapToLong(SeriesCatalogue.Entry::id).sorted().toArray();
        StringBuilder sb = new StringBuilder("series_id IN (");
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(sorted[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * Raw samples in {@code (after, until]} as degenerate one-sample runs: the columns every source of
     * {@link #windowSql} provides (series_id, t, ft, lt, cnt, s, mn, mx, fv, lv, inc).
     */
    String rawSource(String idFilter, long after, long until) {
        return "SELECT series_id, time AS t, time AS ft, time AS lt, 1 AS cnt, value AS s, value AS mn, "
                + "value AS mx, value AS fv, value AS lv, CAST(0 AS FLOAT8) AS inc FROM samples WHERE "
                + (idFilter == null ? "" : idFilter + " AND ") + "time > " + timeLiteral(after)
                + " AND time <= " + timeLiteral(until);
    }

    /** Rollup rows whose bucket (identified by its end) lies in {@code (after, until]}. */
    String rollupSource(String table, String idFilter, long after, long until) {
        return "SELECT series_id, bucket AS t, first_time AS ft, last_time AS lt, sample_count AS cnt, "
                + "value_sum AS s, value_min AS mn, value_max AS mx, first_value AS fv, last_value AS lv, "
                + "increase AS inc FROM " + table + " WHERE " + (idFilter == null ? "" : idFilter + " AND ")
                + "bucket > " + timeLiteral(after) + " AND bucket <= " + timeLiteral(until);
    }

    /**
     * Merges the runs of a source into right-closed buckets of {@code width} whose ends are aligned to
     * {@code origin} (every run lies after {@code after}), with the same
     * arithmetic as {@link WindowStats#merge}: the increase of a bucket is the runs' own increases plus the
     * reset-corrected steps between consecutive runs ({@code lag()}). Without {@code ordered} the first, last
     * and increase columns are left at zero, which saves the window sort for AVG, MIN, MAX, SUM and COUNT.
     *
     * <p>Output columns: series_id, bucket end, count, sum, min, max, first time, last time, first value, last
     * value, increase; times as epoch milliseconds when {@code forOutput}, else in the column type (for rollup
     * inserts).
     */
    String windowSql(String source, long width, long origin, long after, boolean ordered, boolean forOutput) {
        String bucketed = "SELECT x.*, " + bucketEnd("t", width, origin, after) + " AS b FROM (" + source + ") x";
        String from = bucketed;
        String first = "CAST(0 AS FLOAT8)";
        String last = "CAST(0 AS FLOAT8)";
        String increase = "CAST(0 AS FLOAT8)";
        if (ordered) {
            from = "SELECT y.*, lag(lv) OVER w AS pl, lead(t) OVER w AS nt FROM (" + bucketed
                    + ") y WINDOW w AS (PARTITION BY series_id, b ORDER BY t, fv)";
            first = "max(CASE WHEN pl IS NULL THEN fv END)";
            last = "max(CASE WHEN nt IS NULL THEN lv END)";
            increase = "sum(inc) + sum(CASE WHEN pl IS NULL THEN CAST(0 AS FLOAT8) WHEN " + isNaN("pl") + " OR "
                    + isNaN("fv") + " THEN CAST('NaN' AS FLOAT8) WHEN fv < pl THEN fv ELSE fv - pl END)";
        }
        // min() already skips NaN (NaN sorts above every number in both databases); max() must be told to.
        String max = "COALESCE(max(mx) FILTER (WHERE NOT " + isNaN("mx") + "), max(mx))";
        String sql = "SELECT series_id, " + (forOutput ? toMillis("b") : "b") + ", CAST(sum(cnt) AS BIGINT), "
                + "sum(s), min(mn), " + max + ", " + (forOutput ? toMillis("min(ft)") : "min(ft)") + ", "
                + (forOutput ? toMillis("max(lt)") : "max(lt)") + ", " + first + ", " + last + ", " + increase
                + " FROM (" + from + ") z GROUP BY series_id, b";
        return forOutput ? sql + " ORDER BY series_id, b" : sql;
    }

    /** The rows of a source whose runs already are the output buckets, in {@link #windowSql}'s output columns. */
    String oneRowPerBucketSql(String source) {
        return "SELECT series_id, " + toMillis("t") + ", CAST(cnt AS BIGINT), s, mn, mx, " + toMillis("ft") + ", "
                + toMillis("lt") + ", fv, lv, inc FROM (" + source + ") x ORDER BY series_id, t";
    }

    private static void collect(Connection c, String sql, Map<Long, SeriesBuckets> byId) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                SeriesBuckets b = byId.get(rs.getLong(1));
                if (b == null) {
                    // A series another writer created after the catalogue refresh of this query.
                    continue;
                }
                b.add(rs.getLong(2), WindowStats.of(rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getLong(7), rs.getDouble(9), rs.getLong(8), rs.getDouble(10),
                        rs.getDouble(11)));
            }
        }
    }

    /** The buckets of one series by end time, grown as rows arrive. */
    private static final class SeriesBuckets {
        final SeriesCatalogue.Entry entry;
        long[] ends = new long[16];
        WindowStats[] stats = new WindowStats[16];
        int size;

        SeriesBuckets(SeriesCatalogue.Entry entry) {
            this.entry = entry;
        }

        void add(long end, WindowStats s) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
                stats = Arrays.copyOf(stats, size * 2);
            }
            ends[size] = end;
            stats[size] = s;
            size++;
        }
    }

    @Override
    public List<Sample> latest(SeriesSelector selector, Instant at, Duration lookback) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lookback, "lookback");
        long end = at.toEpochMilli();
        long start = end - lookback.toMillis();
        if (newest == null) {
            return read("reading the latest samples of " + selector,
                    c -> latestFromSamples(c, catalogue.matching(List.of(selector)), start, end));
        }
        ensureOpen();
        List<SeriesCatalogue.Entry> matched = catalogue.matching(List.of(selector));
        List<SeriesCatalogue.Entry> unknown = matched.stream().filter(e -> newest.get(e.id()) == null).toList();
        if (!unknown.isEmpty()) {
            write("reading the newest samples of " + unknown.size() + " series", c -> {
                resolveNewest(c, unknown);
                return null;
            });
        }
        List<Sample> out = new ArrayList<>();
        List<SeriesCatalogue.Entry> past = new ArrayList<>();
        for (SeriesCatalogue.Entry e : matched) {
            NewestSamples.Newest n = newest.get(e.id());
            if (n == null || n.timeMillis() > end) {
                // Asked about the past (or forgotten by retention meanwhile): the samples table answers.
                past.add(e);
            } else if (n.timeMillis() > start) {
                out.add(new Sample(e.key(), n.timeMillis(), n.value()));
            }
        }
        if (!past.isEmpty()) {
            out.addAll(read("reading the latest samples of " + selector, c -> latestFromSamples(c, past, start, end)));
        }
        out.sort(Comparator.comparing(Sample::series));
        return out;
    }

    /** The latest sample of each series in {@code (startMillis, endMillis]}, from the samples table. */
    private List<Sample> latestFromSamples(Connection c, List<SeriesCatalogue.Entry> matched, long startMillis,
            long endMillis) throws SQLException {
        if (matched.isEmpty()) {
            return List.of();
        }
        Map<Long, SeriesCatalogue.Entry> byId = new HashMap<>();
        matched.forEach(e -> byId.put(e.id(), e));
        String filter = idFilter(matched);
        // Ties on time resolve like LAST: the greatest value wins.
        String sql = "SELECT series_id, " + toMillis("time") + ", value FROM (SELECT series_id, time, value, "
                + "row_number() OVER (PARTITION BY series_id ORDER BY time DESC, value DESC) AS rn FROM samples "
                + "WHERE " + (filter == null ? "" : filter + " AND ") + "time > "
                + timeLiteral(startMillis) + " AND time <= " + timeLiteral(endMillis) + ") z WHERE rn = 1";
        List<Sample> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                SeriesCatalogue.Entry e = byId.get(rs.getLong(1));
                if (e != null) {
                    out.add(new Sample(e.key(), rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        out.sort(Comparator.comparing(Sample::series));
        return out;
    }

    /** Reads the newest stored sample of each series into {@link #newest}; runs under the write lock. */
    private void resolveNewest(Connection c, List<SeriesCatalogue.Entry> series) throws SQLException {
        String filter = idFilter(series);
        String sql = "SELECT series_id, " + toMillis("time") + ", value FROM (SELECT series_id, time, value, "
                + "row_number() OVER (PARTITION BY series_id ORDER BY time DESC, value DESC) AS rn FROM samples"
                + (filter == null ? "" : " WHERE " + filter) + ") z WHERE rn = 1";
        Map<Long, NewestSamples.Newest> found = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                found.put(rs.getLong(1), new NewestSamples.Newest(rs.getLong(2), rs.getDouble(3)));
            }
        }
        for (SeriesCatalogue.Entry e : series) {
            newest.known(e.id(), found.getOrDefault(e.id(), NewestSamples.EMPTY));
        }
    }

    // ---- device events

    /** The topology label that has its own column, so queries by site need not parse the labels. */
    static final String SITE_LABEL = "site";

    @Override
    public void appendEvents(Collection<DeviceEvent> events) {
        Objects.requireNonNull(events, "events");
        ensureOpen();
        if (events.isEmpty()) {
            return;
        }
        write("appending " + events.size() + " device events", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (time, device_id, site, source, type, "
                    + "severity, message, details, labels) VALUES (" + timeParam() + ", ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DeviceEvent e : events) {
                    // Events are stored at the millisecond resolution of every other time in the store.
                    ps.setLong(1, e.time().toEpochMilli());
                    ps.setString(2, e.deviceId().orElse(null));
                    ps.setString(3, e.labels().get(SITE_LABEL));
                    ps.setString(4, e.source());
                    ps.setString(5, e.type());
                    ps.setString(6, e.severity().orElse(null));
                    ps.setString(7, e.message());
                    ps.setString(8, AttributesJson.encode(new TreeMap<>(e.details())));
                    ps.setString(9, AttributesJson.encode(new TreeMap<>(e.labels())));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        Objects.requireNonNull(query, "query");
        return read("reading device events", c -> {
            StringBuilder sql = new StringBuilder("SELECT device_id, source, type, severity, message, details, labels, ")
                    .append(toMillis("time")).append(" FROM events WHERE time >= ")
                    .append(timeLiteral(ceilMillis(query.start()))).append(" AND time < ")
                    .append(timeLiteral(ceilMillis(query.end())));
            query.deviceId().ifPresent(d -> sql.append(" AND device_id = ?"));
            query.site().ifPresent(s -> sql.append(" AND site = ?"));
            sql.append(" ORDER BY time DESC, id DESC LIMIT ").append(query.limit());
            List<DeviceEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                if (query.deviceId().isPresent()) {
                    ps.setString(p++, query.deviceId().get());
                }
                if (query.site().isPresent()) {
                    ps.setString(p, query.site().get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeviceEvent(Optional.ofNullable(rs.getString(1)), rs.getString(2), rs.getString(3),
                                Optional.ofNullable(rs.getString(4)), rs.getString(5),
                                AttributesJson.decode(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(8)),
                                AttributesJson.decode(rs.getString(7))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The first whole millisecond at or after {@code t}: stored times are whole milliseconds, so
     * {@code time >= ceil(start)} and {@code time < ceil(end)} keep exactly the events in {@code [start, end)}.
     */
    static long ceilMillis(Instant t) {
        long floor = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? floor : floor + 1;
    }

    // ---- rollups and retention

    long state(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    private static void setState(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_state (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")) {
            ps.setString(1, name);
            ps.setLong(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public void refreshRollups() {
        ensureOpen();
        writeLock.lock();
        Connection c = null;
        try {
            ensureOpen();
            c = writer();
            lockExclusive(c);
            long watermark = refreshRollups(c);
            c.commit();
            minuteWatermark = watermark;
        } catch (SQLException | RuntimeException e) {
            throw fail(c, "refreshing rollups", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Returns the new 1-minute watermark. */
    private long refreshRollups(Connection c) throws SQLException {
        long now = settings.clock().millis();
        long minuteMark = state(c, MINUTE_WATERMARK);
        long hourMark = state(c, HOUR_WATERMARK);
        long newMinuteMark = Math.max(minuteMark, floor(now, MINUTE));
        long newHourMark = Math.max(hourMark, floor(newMinuteMark, HOUR));
        // Raw samples before the raw cutoff are gone: recomputing there would wipe good rollups. Watermarks are
        // bucket ends: every bucket ending at or before one is materialised.
        long rawLimit = ceil(state(c, RAW_CUTOFF), MINUTE);
        long minuteLimit = ceil(state(c, MINUTE_CUTOFF), HOUR);

        // Ranges (a, b] of bucket ends to rebuild; a sample at t belongs to the bucket ending at ceil(t).
        List<long[]> minuteRanges = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT first_ms, last_ms FROM rollup_dirty")) {
            while (rs.next()) {
                addClipped(minuteRanges, ceil(rs.getLong(1), MINUTE) - MINUTE, ceil(rs.getLong(2), MINUTE), rawLimit,
                        minuteMark);
            }
        }
        addClipped(minuteRanges, minuteMark, newMinuteMark, rawLimit, Long.MAX_VALUE);
        minuteRanges = merge(minuteRanges);
        for (long[] r : minuteRanges) {
            rebuild(c, "rollup_1m", r[0], r[1],
                    windowSql(rawSource(null, r[0], r[1]), MINUTE, r[0], r[0], true, false));
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM rollup_dirty");
        }
        List<long[]> hourRanges = new ArrayList<>();
        for (long[] r : minuteRanges) {
            addClipped(hourRanges, floor(r[0], HOUR), ceil(r[1], HOUR), minuteLimit, newHourMark);
        }
        addClipped(hourRanges, hourMark, newHourMark, minuteLimit, Long.MAX_VALUE);
        for (long[] r : merge(hourRanges)) {
            rebuild(c, "rollup_1h", r[0], r[1],
                    windowSql(rollupSource("rollup_1m", null, r[0], r[1]), HOUR, r[0], r[0], true, false));
        }
        setState(c, MINUTE_WATERMARK, newMinuteMark);
        setState(c, HOUR_WATERMARK, newHourMark);
        afterRollupRefresh(c, newMinuteMark);
        return newMinuteMark;
    }

    /** Replaces the rows of the buckets ending in (after, until]. */
    private void rebuild(Connection c, String table, long after, long until, String select) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + table + " WHERE bucket > " + timeLiteral(after) + " AND bucket <= "
                    + timeLiteral(until));
            st.executeUpdate("INSERT INTO " + table + " (" + ROLLUP_COLUMNS + ") " + select);
        }
    }

    private static void addClipped(List<long[]> ranges, long from, long to, long lowest, long highest) {
        long a = Math.max(from, lowest);
        long b = Math.min(to, highest);
        if (a < b) {
            ranges.add(new long[] {a, b});
        }
    }

    static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            long[] lastRange = out.isEmpty() ? null : out.get(out.size() - 1);
            if (lastRange != null && r[0] <= lastRange[1]) {
                lastRange[1] = Math.max(lastRange[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }

    static long floor(long t, long unit) {
        return Math.floorDiv(t, unit) * unit;
    }

    static long ceil(long t, long unit) {
        return -Math.floorDiv(-t, unit) * unit;
    }

    @Override
    public RetentionResult applyRetention(Instant now) {
        Objects.requireNonNull(now, "now");
        // Bring rollups up to date first, so no raw sample expires before it was rolled up.
        refreshRollups();
        return write("applying retention", c -> {
            lockExclusive(c);
            long nowMillis = now.toEpochMilli();
            long rawCutoff = nowMillis - settings.retention().raw().toMillis();
            long minuteCutoff = nowMillis - settings.retention().minuteRollups().toMillis();
            long hourCutoff = nowMillis - settings.retention().hourRollups().toMillis();
            long raw = deleteRawBefore(c, rawCutoff);
            if (newest != null) {
                newest.forgetBefore(rawCutoff);
            }
            long minute;
            long hour;
            long events;
            try (Statement st = c.createStatement()) {
                minute = st.executeLargeUpdate("DELETE FROM rollup_1m WHERE bucket < " + timeLiteral(minuteCutoff));
                hour = st.executeLargeUpdate("DELETE FROM rollup_1h WHERE bucket < " + timeLiteral(hourCutoff));
                // Events are rare and explain long ranges, so they live as long as the minute rollups.
                events = st.executeLargeUpdate("DELETE FROM events WHERE time < " + timeLiteral(minuteCutoff));
            }
            setState(c, RAW_CUTOFF, Math.max(state(c, RAW_CUTOFF), rawCutoff));
            setState(c, MINUTE_CUTOFF, Math.max(state(c, MINUTE_CUTOFF), minuteCutoff));
            return new RetentionResult(raw, minute, hour, events);
        });
    }
}
