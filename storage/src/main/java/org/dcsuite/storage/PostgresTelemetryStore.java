package org.dcsuite.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.postgresql.Driver;

/**
 * The PostgreSQL store. Without TimescaleDB, samples are range-partitioned by UTC day (partitions created on
 * demand before a COPY reaches a day, expired by dropping whole partitions); with TimescaleDB the same table is
 * a hypertable set up by {@link TimescaleSchema}. Several processes may share one database: series are
 * upserted, and advisory locks keep migrations, rollup refreshes and retention from overlapping with each
 * other and rollup refreshes from overlapping with appends.
 */
final class PostgresTelemetryStore extends JdbcTelemetryStore {

    static final String PREFIX = "jdbc:postgresql:";

    private static final long DAY = 86_400_000L;
    // timestamptz starts at 4713 BC; the upper bound is where COPY's microsecond encoding would overflow a long.
    private static final long MIN_TIME = Instant.parse("-4712-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_TIME = Instant.parse("+200000-01-01T00:00:00Z").toEpochMilli();
    private static final String PARTITION_PREFIX = "samples_p";
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final String url;
    private final String schema;
    private final long lockKey;
    private final PostgresCopyEncoder copy = new PostgresCopyEncoder();
    private final Set<Long> partitionDays = ConcurrentHashMap.newKeySet();
    private final Set<Long> indexedDays = ConcurrentHashMap.newKeySet();
    private volatile boolean timescale;

    PostgresTelemetryStore(StoreSettings settings) {
        super(settings);
        this.url = settings.url();
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new StoreException("PostgreSQL store URL '" + location + "' is not a valid JDBC URL", false);
        }
        String current = parsed.getProperty("currentSchema");
        this.schema = current == null || current.isBlank() ? null : current.split(",")[0].strip();
        this.lockKey = ("dcsuite:" + (schema == null ? "public" : schema)).hashCode();
        try {
            initialise();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    String storeName() {
        return "PostgreSQL";
    }

    @Override
    String dialect() {
        return "postgresql";
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    void configureReader(Connection c) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Override
    void lockExclusive(Connection c) throws SQLException {
        advisoryLock(c, "pg_advisory_xact_lock");
    }

    @Override
    void lockShared(Connection c) throws SQLException {
        advisoryLock(c, "pg_advisory_xact_lock_shared");
    }

    private void advisoryLock(Connection c, String function) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT " + function + "(" + lockKey + ")");
        }
    }

    @Override
    void beforeMigrations(Connection c) throws SQLException {
        if (schema != null) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(schema));
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    void afterMigrations(Connection c) throws SQLException {
        boolean exists;
        boolean partitioned;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT relkind FROM pg_class WHERE oid = to_regclass('samples')")) {
            exists = rs.next();
            partitioned = exists && "p".equals(rs.getString(1));
        }
        if (!exists) {
            partitioned = !timescaleAvailable(c);
            List<String> ddl = partitioned ? nativeSchema() : TimescaleSchema.statements(settings.retention());
            try (Statement st = c.createStatement()) {
                for (String sql : ddl) {
                    st.execute(sql);
                }
            }
        }
        timescale = !partitioned;
        if (partitioned) {
            loadPartitions(c);
        }
    }

    private static boolean timescaleAvailable(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rs.next();
        }
    }

    /**
     * No index on the partitioned table: any index, even BRIN, costs COPY 40-50 % here. Each day partition gets
     * its indexes once the day is rolled up (see {@link #afterRollupRefresh}).
     */
    static List<String> nativeSchema() {
        return List.of("CREATE TABLE samples (time timestamptz NOT NULL, series_id bigint NOT NULL, "
                + "value double precision NOT NULL) PARTITION BY RANGE (time)");
    }

    private void loadPartitions(Connection c) throws SQLException {
        partitionDays.clear();
        for (String name : partitionNames(c)) {
            Long day = partitionDay(name);
            if (day != null) {
                partitionDays.add(day);
            }
        }
        indexedDays.clear();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tablename FROM pg_indexes "
                + "WHERE schemaname = current_schema() AND indexname = tablename || '_series_time'")) {
            while (rs.next()) {
                Long day = partitionDay(rs.getString(1));
                if (day != null) {
                    indexedDays.add(day);
                }
            }
        }
    }

    /**
     * Indexes every day partition that lies wholly below the rollup watermark: a (series_id, time) B-tree for
     * queries of a few series, and a BRIN on time for rollup rebuilds after backfills. The partition still being
     * written stays unindexed, so appends run at COPY speed; queries and rollup refreshes scan it whole.
     */
    @Override
    void afterRollupRefresh(Connection c, long minuteWatermark) throws SQLException {
        if (timescale) {
            return;
        }
        for (Long day : partitionDays) {
            if (!indexedDays.contains(day) && (day + 1) * DAY <= minuteWatermark) {
                String name = partitionName(day);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX IF NOT EXISTS " + name + "_time_brin ON " + name + " USING brin (time)");
                    st.execute("CREATE INDEX IF NOT EXISTS " + name + "_series_time ON " + name + " (series_id, time)");
                }
                indexedDays.add(day);
            }
        }
    }

    private static List<String> partitionNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'samples'::regclass")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The day number (days since the epoch) a partition holds, or null for a table this store did not name. */
    static Long partitionDay(String name) {
        if (!name.startsWith(PARTITION_PREFIX) || name.length() != PARTITION_PREFIX.length() + 8) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(PARTITION_PREFIX.length()), PARTITION_DAY).toEpochDay();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String partitionName(long epochDay) {
        return PARTITION_PREFIX + LocalDate.ofEpochDay(epochDay).format(PARTITION_DAY);
    }

    @Override
    void prepareAppend(Connection c, long[] times, int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            if (times[i] < MIN_TIME || times[i] >= MAX_TIME) {
                throw new IllegalArgumentException("sample time " + times[i] + " ms is outside the range "
                        + Instant.ofEpochMilli(MIN_TIME) + " to " + Instant.ofEpochMilli(MAX_TIME)
                        + " that PostgreSQL timestamps hold; no sample of the batch was stored");
            }
        }
        if (timescale) {
            return;
        }
        long lastDay = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long day = Math.floorDiv(times[i], DAY);
            if (day != lastDay) {
                lastDay = day;
                if (!partitionDays.contains(day)) {
                    createPartition(c, day);
                }
            }
        }
    }

    private void createPartition(Connection c, long day) throws SQLException {
        String sql = "CREATE TABLE IF NOT EXISTS " + partitionName(day) + " PARTITION OF samples FOR VALUES FROM ("
                + timeLiteral(day * DAY) + ") TO (" + timeLiteral((day + 1) * DAY) + ")";
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            // Another process created it between our check and our statement.
            if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        partitionDays.add(day);
    }

    @Override
    void writeSamples(Connection c, long[] times, long[] ids, double[] values, int n) throws SQLException {
        copy.copy(c, times, ids, values, n);
    }

    /**
     * Drops whole day partitions (or TimescaleDB chunks) that end at or before the cutoff, counting their rows
     * first for the result, and deletes the older rows of the partition the cutoff falls into.
     */
    @Override
    long deleteRawBefore(Connection c, long cutoffMillis) throws SQLException {
        if (timescale) {
            long expired;
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM samples WHERE time < " + timeLiteral(cutoffMillis))) {
                    rs.next();
                    expired = rs.getLong(1);
                }
                st.execute(TimescaleSchema.dropChunksBefore(timeLiteral(cutoffMillis)));
            }
            super.deleteRawBefore(c, cutoffMillis);
            return expired;
        }
        long dropped = 0;
        for (String name : partitionNames(c)) {
            Long day = partitionDay(name);
            if (day == null || (day + 1) * DAY > cutoffMillis) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + name)) {
                    rs.next();
                    dropped += rs.getLong(1);
                }
                st.execute("DROP TABLE " + name);
            }
            partitionDays.remove(day);
            indexedDays.remove(day);
        }
        return dropped + super.deleteRawBefore(c, cutoffMillis);
    }

    @Override
    String timeLiteral(long millis) {
        return "TIMESTAMPTZ '" + Instant.ofEpochMilli(millis) + "'";
    }

    @Override
    String timeParam() {
        // Exact to the millisecond, since an interval counts whole microseconds (to_timestamp takes double seconds).
        return "(TIMESTAMPTZ 'epoch' + CAST(? AS BIGINT) * INTERVAL '1 millisecond')";
    }

    @Override
    String toMillis(String expr) {
        return "CAST(EXTRACT(EPOCH FROM " + expr + ") * 1000 AS BIGINT)";
    }

    @Override
    String bucketEnd(String expr, long width, long origin, long after) {
        // date_bin gives the start of [start, start + width); one microsecond (the type's resolution) earlier
        // turns that into the right-closed bucket (end - width, end].
        String interval = "INTERVAL '" + width + " milliseconds'";
        return "(date_bin(" + interval + ", " + expr + " - INTERVAL '1 microsecond', " + timeLiteral(origin) + ") + "
                + interval + ")";
    }

    @Override
    String isNaN(String expr) {
        return "(" + expr + " = CAST('NaN' AS FLOAT8))";
    }

    @Override
    String jsonParam() {
        return "CAST(? AS jsonb)";
    }

    @Override
    boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.equals("40001") || state.equals("40P01");
    }
}
