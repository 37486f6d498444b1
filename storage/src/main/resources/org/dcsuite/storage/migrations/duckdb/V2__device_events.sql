-- Device events (SNMP traps and informs, Redfish events). time is epoch milliseconds like the samples. details and
-- labels are flat JSON objects of strings, encoded like series attributes: they are always read whole with their
-- event and never filtered by key, so a key/value table would only add a join and many rows per event. The one
-- label queries filter on, site, has its own column. id orders events of the same millisecond by arrival.
CREATE SEQUENCE events_id_seq START 1;
CREATE TABLE events (
    id BIGINT PRIMARY KEY DEFAULT nextval('events_id_seq'),
    time BIGINT NOT NULL,
    device_id VARCHAR,
    site VARCHAR,
    source VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    severity VARCHAR,
    message VARCHAR NOT NULL,
    details VARCHAR NOT NULL,
    labels VARCHAR NOT NULL
);
CREATE INDEX events_device_time ON events (device_id, time);
CREATE INDEX events_time ON events (time);
