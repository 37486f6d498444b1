package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compatibility kit on PostgreSQL (native partitions here), plus what only this store does. */
class PostgresTelemetryStoreIT extends TelemetryStoreCompatibilityKit {

    private static PostgresTestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresTestDatabase.connectOrSkip();
    }

    @AfterAll
    static void dropSchemas() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected String newStoreUrl() {
        return db.newSchemaUrl();
    }

    @Override
    protected String dialect() {
        return "postgresql";
    }

    @Override
    protected void executeSql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> partitions(String url) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
                        + "ON c.oid = i.inhrelid WHERE i.inhparent = 'samples'::regclass ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> indexedTables(String url) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tablename FROM pg_indexes WHERE schemaname = current_schema() "
                        + "AND indexname = tablename || '_series_time' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void samplesArePartitionedByDayAndRetentionDropsWholeDays() throws Exception {
        String url = db.newSchemaUrl();
        StoreSettings settings = new StoreSettings(url,
                new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(2), Duration.ofDays(2)), clock);
        try (TelemetryStore pg = TelemetryStores.open(settings)) {
            SeriesKey key = SeriesKey.of("hw.power");
            List<Sample> samples = new ArrayList<>();
            for (int h = 0; h < 4 * 24; h += 6) {
                samples.add(s(key, h * 3600.0, h));
            }
            pg.append(samples);
            assertThat(partitions(url)).containsExactly("samples_p20240301", "samples_p20240302",
                    "samples_p20240303", "samples_p20240304");

            // Once rolled up, completed days are indexed; the day still being written is not.
            clock.set(T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
            pg.refreshRollups();
            assertThat(indexedTables(url)).containsExactly("samples_p20240301", "samples_p20240302",
                    "samples_p20240303");

            // Cutoff at day 2 + 12 h: days 1 and 2 are dropped whole, day 3 loses its 00:00 and 06:00 samples.
            clock.set(T0.plus(Duration.ofDays(4)));
            TelemetryStore.RetentionResult result = pg.applyRetention(T0.plus(Duration.ofDays(4)).plus(Duration.ofHours(12)));
            assertThat(result.rawSamples()).isEqualTo(4 + 4 + 2);
            assertThat(partitions(url)).containsExactly("samples_p20240303", "samples_p20240304");

            // A partition dropped by retention is created again when a late sample needs it.
            pg.append(List.of(s(key, 3600, 1)));
            assertThat(partitions(url)).contains("samples_p20240301");
        }
    }

    @Test
    void twoStoresOnOneSchemaSeeEachOthersSeries() {
        String url = db.newSchemaUrl();
        try (TelemetryStore a = TelemetryStores.open(new StoreSettings(url, RetentionPolicy.DEFAULT, clock));
                TelemetryStore b = TelemetryStores.open(new StoreSettings(url, RetentionPolicy.DEFAULT, clock))) {
            SeriesKey shared = SeriesKey.of("hw.power", "host", "x");
            a.append(List.of(s(shared, 0, 1)));
            b.append(List.of(s(shared, 10, 2), s(SeriesKey.of("hw.power", "host", "y"), 10, 3)));

            assertThat(a.series(List.of())).hasSize(2);
            assertThat(a.query(RangeQuery.of(SeriesSelector.parse("hw.power{host=\"x\"}"), T0, T0.plusSeconds(10),
                    Duration.ofSeconds(10), Aggregation.LAST)).get(0).points()).hasSize(2);
        }
    }

    @Test
    void aBatchWithATimePostgresCannotHoldIsRejectedWhole() {
        SeriesKey key = SeriesKey.of("hw.power");
        Sample fine = s(key, 0, 1);
        Sample far = new Sample(key, Long.MAX_VALUE / 2, 2);
        assertThatThrownBy(() -> store.append(List.of(fine, far)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("outside the range")
                .satisfies(e -> assertThat(((StoreException) e).retryable()).isFalse());
        assertThat(store.latest(SeriesSelector.parse("hw.power"), T0, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anUnreachableServerIsARetryableErrorWithoutThePassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=2";
        assertThatThrownBy(() -> TelemetryStores.open(StoreSettings.of(url)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("PostgreSQL store")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((StoreException) e).retryable()).isTrue());
    }

    @Test
    void theSchemaNamedInTheUrlIsCreated() throws Exception {
        String url = db.newSchemaUrl();
        try (TelemetryStore pg = TelemetryStores.open(StoreSettings.of(url))) {
            assertThat(pg.describeLocation()).isEqualTo(url);
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(db.baseUrl()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' AND table_name IN ('series', 'samples', 'rollup_1m', 'rollup_1h', 'metrics')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(5);
        }
    }
}
