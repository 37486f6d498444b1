-- Device events (SNMP traps and informs, Redfish events). details and labels are flat JSON objects of strings,
-- encoded like series attributes but kept as text: they are always read whole with their event and never filtered
-- by key, so neither jsonb's parsing nor a key/value table (a join and many rows per event) would pay off. The one
-- label queries filter on, site, has its own column. id orders events of the same millisecond by arrival.
CREATE TABLE events (
    id bigserial PRIMARY KEY,
    time timestamptz NOT NULL,
    device_id text,
    site text,
    source text NOT NULL,
    type text NOT NULL,
    severity text,
    message text NOT NULL,
    details text NOT NULL,
    labels text NOT NULL
);
CREATE INDEX events_device_time ON events (device_id, time);
CREATE INDEX events_time ON events (time);
