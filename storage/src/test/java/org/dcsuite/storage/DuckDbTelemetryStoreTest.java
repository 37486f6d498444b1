package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility kit on a DuckDB file, plus what only the embedded store does. */
class DuckDbTelemetryStoreTest extends TelemetryStoreCompatibilityKit {

    @TempDir
    Path dir;
    private int counter;

    @Override
    protected String newStoreUrl() {
        return "duckdb:" + dir.resolve("nested/dir/store" + (counter++) + ".duckdb");
    }

    @Override
    protected String dialect() {
        return "duckdb";
    }

    @Override
    protected void executeSql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void createsParentDirectoriesAndAcceptsAnInMemoryStore() {
        assertThat(Files.exists(dir.resolve("nested/dir"))).isTrue();
        try (TelemetryStore memory = TelemetryStores.open(StoreSettings.of("duckdb::memory:"))) {
            memory.append(List.of(s(SeriesKey.of("hw.power"), 0, 1)));
            assertThat(memory.series(List.of())).hasSize(1);
            assertThat(memory.describeLocation()).isEqualTo("duckdb::memory:");
        }
    }

    @Test
    void aFileHeldByAnotherProcessGivesAClearError() throws Exception {
        String url = "duckdb:" + dir.resolve("held.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DuckDbLockHolder.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("open ");
            assertThatThrownBy(() -> TelemetryStores.open(StoreSettings.of(url)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining("dcsuite run")
                    .hasMessageContaining("HTTP API");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        TelemetryStores.open(StoreSettings.of(url)).close();
    }

    @Test
    void aSecondOpenOfTheSameFileInThisProcessIsRefused() {
        String url = "duckdb:" + dir.resolve("shared.duckdb");
        try (TelemetryStore first = TelemetryStores.open(StoreSettings.of(url))) {
            assertThat(first.describeLocation()).isEqualTo(url);
            assertThatThrownBy(() -> TelemetryStores.open(StoreSettings.of(url)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open in this process");
        }
        TelemetryStores.open(StoreSettings.of(url)).close();
    }
}
