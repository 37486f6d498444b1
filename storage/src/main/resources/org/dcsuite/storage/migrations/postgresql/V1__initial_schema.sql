-- The samples table is created by the store after the migrations, because its layout depends on whether
-- TimescaleDB is available (hypertable) or not (native daily range partitions): see docs/storage.md.
CREATE TABLE metrics (
    name text PRIMARY KEY,
    unit text NOT NULL,
    kind text NOT NULL,
    description text NOT NULL
);
CREATE TABLE series (
    id bigserial PRIMARY KEY,
    metric text NOT NULL,
    attributes jsonb NOT NULL,
    unit text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (metric, attributes)
);
-- One row per (series, bucket) with every WindowStats field. bucket is the bucket's end: the row covers
-- (bucket - 1 minute, bucket], like a Prometheus range window; rollup_1h likewise for hours.
CREATE TABLE rollup_1m (
    series_id bigint NOT NULL,
    bucket timestamptz NOT NULL,
    sample_count bigint NOT NULL,
    value_sum double precision NOT NULL,
    value_min double precision NOT NULL,
    value_max double precision NOT NULL,
    first_time timestamptz NOT NULL,
    last_time timestamptz NOT NULL,
    first_value double precision NOT NULL,
    last_value double precision NOT NULL,
    increase double precision NOT NULL,
    PRIMARY KEY (series_id, bucket)
);
CREATE INDEX rollup_1m_bucket ON rollup_1m (bucket);
CREATE TABLE rollup_1h (
    series_id bigint NOT NULL,
    bucket timestamptz NOT NULL,
    sample_count bigint NOT NULL,
    value_sum double precision NOT NULL,
    value_min double precision NOT NULL,
    value_max double precision NOT NULL,
    first_time timestamptz NOT NULL,
    last_time timestamptz NOT NULL,
    first_value double precision NOT NULL,
    last_value double precision NOT NULL,
    increase double precision NOT NULL,
    PRIMARY KEY (series_id, bucket)
);
CREATE INDEX rollup_1h_bucket ON rollup_1h (bucket);
-- Rollup watermarks and retention cutoffs, epoch milliseconds.
CREATE TABLE store_state (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
-- Time spans [first_ms, last_ms] of appends that reached at or below the 1-minute watermark since the last refresh.
CREATE TABLE rollup_dirty (
    first_ms bigint NOT NULL,
    last_ms bigint NOT NULL
);
