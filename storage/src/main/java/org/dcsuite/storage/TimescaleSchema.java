package org.dcsuite.storage;

import java.time.Duration;
import java.util.List;
import org.dcsuite.core.store.RetentionPolicy;

/**
 * The samples layout when TimescaleDB is available: a hypertable with 1-day chunks, native compression
 * segmented by series, a retention policy for raw data, and continuous aggregates at 1 minute and 1 hour
 * (the hourly one built on the minute one) with refresh policies.
 *
 * <p>Continuous aggregates cannot use window functions, so they cannot hold the reset-corrected counter
 * increase; the store keeps answering queries from its own rollup tables ({@code rollup_1m}, {@code rollup_1h}),
 * which carry every {@code WindowStats} field. The continuous aggregates serve SQL users and dashboards that
 * read TimescaleDB directly. See docs/storage.md; these statements are unit-tested as text only, because
 * TimescaleDB cannot be installed where this module is built.
 */
final class TimescaleSchema {

    /** Chunks older than this are compressed; late samples for them still insert, at a higher cost. */
    static final Duration COMPRESS_AFTER = Duration.ofDays(2);
    /** The continuous aggregates leave the newest, still-changing buckets to real-time aggregation. */
    static final Duration MINUTE_END_OFFSET = Duration.ofMinutes(2);
    static final Duration HOUR_END_OFFSET = Duration.ofHours(1);

    private TimescaleSchema() {
    }

    /** The statements, in order, that create the layout; each is idempotent. */
    static List<String> statements(RetentionPolicy retention) {
        return List.of(
                "CREATE EXTENSION IF NOT EXISTS timescaledb",
                "CREATE TABLE IF NOT EXISTS samples (time timestamptz NOT NULL, series_id bigint NOT NULL, "
                        + "value double precision NOT NULL)",
                "SELECT create_hypertable('samples', by_range('time', INTERVAL '1 day'), if_not_exists => TRUE)",
                "CREATE INDEX IF NOT EXISTS samples_series_time ON samples (series_id, time DESC)",
                "ALTER TABLE samples SET (timescaledb.compress, timescaledb.compress_segmentby = 'series_id', "
                        + "timescaledb.compress_orderby = 'time')",
                "SELECT add_compression_policy('samples', compress_after => " + interval(COMPRESS_AFTER)
                        + ", if_not_exists => TRUE)",
                "SELECT add_retention_policy('samples', drop_after => " + interval(retention.raw())
                        + ", if_not_exists => TRUE)",
                "CREATE MATERIALIZED VIEW IF NOT EXISTS samples_1m WITH (timescaledb.continuous) AS "
                        + "SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, series_id, "
                        + "count(*) AS sample_count, sum(value) AS value_sum, min(value) AS value_min, "
                        + "max(value) AS value_max, min(time) AS first_time, max(time) AS last_time, "
                        + "first(value, time) AS first_value, last(value, time) AS last_value "
                        + "FROM samples GROUP BY bucket, series_id WITH NO DATA",
                "SELECT add_continuous_aggregate_policy('samples_1m', start_offset => "
                        + interval(retention.raw()) + ", end_offset => " + interval(MINUTE_END_OFFSET)
                        + ", schedule_interval => INTERVAL '1 minute', if_not_exists => TRUE)",
                "SELECT add_retention_policy('samples_1m', drop_after => " + interval(retention.minuteRollups())
                        + ", if_not_exists => TRUE)",
                "CREATE MATERIALIZED VIEW IF NOT EXISTS samples_1h WITH (timescaledb.continuous) AS "
                        + "SELECT time_bucket(INTERVAL '1 hour', bucket) AS bucket, series_id, "
                        + "sum(sample_count) AS sample_count, sum(value_sum) AS value_sum, "
                        + "min(value_min) AS value_min, max(value_max) AS value_max, "
                        + "min(first_time) AS first_time, max(last_time) AS last_time, "
                        + "first(first_value, first_time) AS first_value, last(last_value, last_time) AS last_value "
                        + "FROM samples_1m GROUP BY time_bucket(INTERVAL '1 hour', bucket), series_id WITH NO DATA",
                "SELECT add_continuous_aggregate_policy('samples_1h', start_offset => "
                        + interval(retention.minuteRollups()) + ", end_offset => " + interval(HOUR_END_OFFSET)
                        + ", schedule_interval => INTERVAL '1 hour', if_not_exists => TRUE)",
                "SELECT add_retention_policy('samples_1h', drop_after => " + interval(retention.hourRollups())
                        + ", if_not_exists => TRUE)");
    }

    /** Drops the raw chunks whose whole range ends at or before the cutoff. */
    static String dropChunksBefore(String cutoffLiteral) {
        return "SELECT drop_chunks('samples', older_than => " + cutoffLiteral + ")";
    }

    /** An interval literal in hours, the unit PostgreSQL keeps exact on timestamptz (no calendar days). */
    static String interval(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 3600 == 0) {
            return "INTERVAL '" + seconds / 3600 + " hours'";
        }
        return "INTERVAL '" + seconds + " seconds'";
    }
}
