-- Times are epoch milliseconds (BIGINT): bucketing is integer arithmetic, and the appender writes plain longs.
CREATE TABLE metrics (
    name VARCHAR PRIMARY KEY,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);
CREATE SEQUENCE series_id_seq START 1;
CREATE TABLE series (
    id BIGINT PRIMARY KEY DEFAULT nextval('series_id_seq'),
    metric VARCHAR NOT NULL,
    attributes VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    UNIQUE (metric, attributes)
);
CREATE TABLE samples (
    time BIGINT NOT NULL,
    series_id BIGINT NOT NULL,
    value DOUBLE NOT NULL
);
-- One row per (series, bucket) with every WindowStats field. bucket is the bucket's end: the row covers
-- (bucket - 1 minute, bucket], like a Prometheus range window; rollup_1h likewise for hours.
CREATE TABLE rollup_1m (
    series_id BIGINT NOT NULL,
    bucket BIGINT NOT NULL,
    sample_count BIGINT NOT NULL,
    value_sum DOUBLE NOT NULL,
    value_min DOUBLE NOT NULL,
    value_max DOUBLE NOT NULL,
    first_time BIGINT NOT NULL,
    last_time BIGINT NOT NULL,
    first_value DOUBLE NOT NULL,
    last_value DOUBLE NOT NULL,
    increase DOUBLE NOT NULL
);
CREATE TABLE rollup_1h (
    series_id BIGINT NOT NULL,
    bucket BIGINT NOT NULL,
    sample_count BIGINT NOT NULL,
    value_sum DOUBLE NOT NULL,
    value_min DOUBLE NOT NULL,
    value_max DOUBLE NOT NULL,
    first_time BIGINT NOT NULL,
    last_time BIGINT NOT NULL,
    first_value DOUBLE NOT NULL,
    last_value DOUBLE NOT NULL,
    increase DOUBLE NOT NULL
);
-- Rollup watermarks and retention cutoffs, epoch milliseconds.
CREATE TABLE store_state (
    name VARCHAR PRIMARY KEY,
    value BIGINT NOT NULL
);
-- Time spans [first_ms, last_ms] of appends that reached at or below the 1-minute watermark since the last refresh.
CREATE TABLE rollup_dirty (
    first_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL
);
