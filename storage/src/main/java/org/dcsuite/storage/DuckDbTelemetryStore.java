package org.dcsuite.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file (or an in-memory database for {@code duckdb::memory:}). Times are
 * stored as epoch milliseconds, samples are written through DuckDB's appender inside the append transaction.
 */
final class DuckDbTelemetryStore extends JdbcTelemetryStore {

    static final String PREFIX = "duckdb:";
    static final String MEMORY = ":memory:";

    // DuckDB's file lock is per process, so a second open inside this JVM would not be refused by DuckDB.
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final DuckDBConnection primary;

    DuckDbTelemetryStore(StoreSettings settings) {
        super(settings);
        String target = settings.url().substring(PREFIX.length());
        if (target.isBlank()) {
            throw new StoreException("DuckDB store URL '" + location + "' names no file: use duckdb:PATH or "
                    + "duckdb::memory:", false);
        }
        this.file = target.equals(MEMORY) ? null : Path.of(target).toAbsolutePath().normalize();
        if (file != null) {
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new StoreException("DuckDB store " + location + ": cannot create directory " + file.getParent()
                        + ": " + e.getMessage(), false, e);
            }
            if (!OPEN_FILES.add(file)) {
                throw new StoreException("DuckDB store " + location + " is already open in this process: share "
                        + "that store instead of opening the file twice", false);
            }
        }
        try {
            this.primary = (DuckDBConnection) DriverManager.getConnection(
                    "jdbc:duckdb:" + (file == null ? "" : file.toString()), new Properties());
        } catch (SQLException e) {
            release();
            throw openFailure(e);
        }
        try {
            initialise();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private StoreException openFailure(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
            return new StoreException("DuckDB database " + location + " is in use by another process (for example a "
                    + "running `dcsuite run`): stop that process, or use its HTTP API instead of opening the file",
                    true, e);
        }
        return new StoreException("DuckDB store " + location + ": cannot open: " + message, false, e);
    }

    private void release() {
        if (file != null) {
            OPEN_FILES.remove(file);
        }
    }

    @Override
    String storeName() {
        return "DuckDB";
    }

    @Override
    String dialect() {
        return "duckdb";
    }

    @Override
    Connection connect() throws SQLException {
        return primary.duplicate();
    }

    @Override
    void writeSamples(Connection c, long[] times, long[] ids, double[] values, int n) throws SQLException {
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
            for (int i = 0; i < n; i++) {
                appender.beginRow().append(times[i]).append(ids[i]).append(values[i]).endRow();
            }
        }
    }

    @Override
    String timeLiteral(long millis) {
        return Long.toString(millis);
    }

    @Override
    String timeParam() {
        return "?";
    }

    @Override
    String toMillis(String expr) {
        return expr;
    }

    @Override
    String bucketEnd(String expr, long width, long origin, long after) {
        // Integer division truncates toward zero, so count from an aligned base below every value: a ceiling
        // division from there gives the bucket end, a value on a boundary ending its own bucket.
        long base = origin - (Math.floorDiv(origin - after, width) + 1) * width;
        return "(" + base + " + ((" + expr + " - " + base + " + " + (width - 1) + ") // " + width + ") * " + width + ")";
    }

    @Override
    String isNaN(String expr) {
        return "isnan(" + expr + ")";
    }

    @Override
    String jsonParam() {
        return "?";
    }

    @Override
    boolean isRetryable(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Could not set lock") || m.contains("Conflicting lock");
    }

    @Override
    boolean singleWriter() {
        // DuckDB lets one process write a file, and this store's appends and refreshes share one write lock.
        return true;
    }

    @Override
    void closeResources() {
        closeQuietly(primary);
        release();
    }
}
