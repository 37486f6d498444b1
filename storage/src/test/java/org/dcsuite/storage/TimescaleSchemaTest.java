package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.store.RetentionPolicy;
import org.junit.jupiter.api.Test;

/**
 * The TimescaleDB statements checked as text against the TimescaleDB documentation (create_hypertable with
 * by_range, ALTER TABLE ... SET (timescaledb.compress ...), add_compression_policy, add_retention_policy,
 * CREATE MATERIALIZED VIEW ... WITH (timescaledb.continuous), add_continuous_aggregate_policy). TimescaleDB
 * cannot be installed here, so they are not executed.
 */
class TimescaleSchemaTest {

    private final List<String> sql = TimescaleSchema.statements(
            new RetentionPolicy(Duration.ofDays(14), Duration.ofDays(365), Duration.ofDays(1826)));

    private String statementWith(String fragment) {
        return sql.stream().filter(s -> s.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement contains " + fragment + " in " + sql));
    }

    @Test
    void hypertableWithOneDayChunksComesBeforeEverythingThatNeedsIt() {
        assertThat(sql.get(0)).isEqualTo("CREATE EXTENSION IF NOT EXISTS timescaledb");
        assertThat(sql.get(1)).startsWith("CREATE TABLE IF NOT EXISTS samples (time timestamptz NOT NULL, "
                + "series_id bigint NOT NULL, value double precision NOT NULL)");
        assertThat(sql.get(2)).isEqualTo(
                "SELECT create_hypertable('samples', by_range('time', INTERVAL '1 day'), if_not_exists => TRUE)");
    }

    @Test
    void compressionSegmentsBySeriesAndOrdersByTime() {
        assertThat(statementWith("timescaledb.compress")).isEqualTo("ALTER TABLE samples SET (timescaledb.compress, "
                + "timescaledb.compress_segmentby = 'series_id', timescaledb.compress_orderby = 'time')");
        assertThat(statementWith("add_compression_policy")).isEqualTo(
                "SELECT add_compression_policy('samples', compress_after => INTERVAL '48 hours', if_not_exists => TRUE)");
        assertThat(sql.indexOf(statementWith("add_compression_policy")))
                .isGreaterThan(sql.indexOf(statementWith("timescaledb.compress,")));
    }

    @Test
    void retentionPoliciesFollowTheRetentionPolicy() {
        assertThat(sql).contains(
                "SELECT add_retention_policy('samples', drop_after => INTERVAL '336 hours', if_not_exists => TRUE)",
                "SELECT add_retention_policy('samples_1m', drop_after => INTERVAL '8760 hours', if_not_exists => TRUE)",
                "SELECT add_retention_policy('samples_1h', drop_after => INTERVAL '43824 hours', if_not_exists => TRUE)");
    }

    @Test
    void continuousAggregatesAreTimeBucketedGroupByViewsWithRefreshPolicies() {
        String minute = statementWith("MATERIALIZED VIEW IF NOT EXISTS samples_1m");
        assertThat(minute).contains("WITH (timescaledb.continuous) AS SELECT time_bucket(INTERVAL '1 minute', time)")
                .contains("FROM samples GROUP BY bucket, series_id").endsWith("WITH NO DATA")
                .contains("first(value, time)", "last(value, time)", "count(*)", "sum(value)", "min(value)",
                        "max(value)")
                .doesNotContainIgnoringCase(" over ").doesNotContain("lag(");
        String hour = statementWith("MATERIALIZED VIEW IF NOT EXISTS samples_1h");
        assertThat(hour).contains("WITH (timescaledb.continuous)", "time_bucket(INTERVAL '1 hour', bucket)",
                "FROM samples_1m GROUP BY time_bucket(INTERVAL '1 hour', bucket), series_id").endsWith("WITH NO DATA");
        assertThat(statementWith("add_continuous_aggregate_policy('samples_1m'")).isEqualTo(
                "SELECT add_continuous_aggregate_policy('samples_1m', start_offset => INTERVAL '336 hours', "
                        + "end_offset => INTERVAL '120 seconds', schedule_interval => INTERVAL '1 minute', "
                        + "if_not_exists => TRUE)");
        assertThat(statementWith("add_continuous_aggregate_policy('samples_1h'")).contains(
                "start_offset => INTERVAL '8760 hours'", "end_offset => INTERVAL '1 hours'",
                "schedule_interval => INTERVAL '1 hour'");
        // A policy can only be added once its view exists.
        assertThat(sql.indexOf(statementWith("add_continuous_aggregate_policy('samples_1h'")))
                .isGreaterThan(sql.indexOf(hour));
        assertThat(sql.indexOf(hour)).isGreaterThan(sql.indexOf(minute));
    }

    @Test
    void retentionDropsWholeChunks() {
        assertThat(TimescaleSchema.dropChunksBefore("TIMESTAMPTZ '2024-03-01T00:00:00Z'"))
                .isEqualTo("SELECT drop_chunks('samples', older_than => TIMESTAMPTZ '2024-03-01T00:00:00Z')");
    }

    @Test
    void everyStatementIsIdempotent() {
        for (String s : sql) {
            assertThat(s).as(s).containsAnyOf("IF NOT EXISTS", "if_not_exists => TRUE", "ALTER TABLE samples SET");
        }
    }
}
