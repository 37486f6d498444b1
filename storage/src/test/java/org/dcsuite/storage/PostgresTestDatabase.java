package org.dcsuite.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server for integration tests: {@code DCSUITE_TEST_PG_URL} (default {@link #DEFAULT_URL}), a fresh
 * randomly named schema per {@link #newSchemaUrl()} call, all dropped by {@link #close()}. When no server answers
 * the tests are skipped with a notice on stderr, except under {@code CI=true}, where that is a failure.
 *
 * <p>Exported in the storage test-jar so other modules' integration tests can use a real PostgreSQL store.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_ENV = "DCSUITE_TEST_PG_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String baseUrl;
    private final String prefix;
    private final List<String> schemas = new ArrayList<>();

    private PostgresTestDatabase(String baseUrl) {
        this.baseUrl = baseUrl;
        this.prefix = "dcsuite_test_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** Connects to the test server, or skips (fails under CI=true) when none answers. */
    public static PostgresTestDatabase connectOrSkip() {
        String url = System.getenv().getOrDefault(URL_ENV, DEFAULT_URL);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            String message = "PostgreSQL at " + org.dcsuite.core.store.StoreSettings.redact(url)
                    + " is not reachable (" + e.getMessage() + "); set " + URL_ENV + " to a server";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: an unreachable server is a failure)", e);
            }
            System.err.println("!!!!! SKIPPING PostgreSQL tests: " + message);
            Assumptions.abort(message);
        }
        return new PostgresTestDatabase(url);
    }

    /** The server URL without a schema. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A URL whose {@code currentSchema} is a new, not yet existing schema; the store creates it. */
    public synchronized String newSchemaUrl() {
        String schema = prefix + "_" + schemas.size();
        schemas.add(schema);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops every schema handed out. */
    @Override
    public synchronized void close() {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            schemas.clear();
        } catch (SQLException e) {
            System.err.println("could not drop test schemas " + schemas + ": " + e.getMessage());
        }
    }
}
