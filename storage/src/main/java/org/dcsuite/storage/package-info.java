/**
 * {@link org.dcsuite.core.store.TelemetryStore} implementations: embedded DuckDB (the default, {@code duckdb:PATH})
 * and PostgreSQL ({@code jdbc:postgresql://...}, with TimescaleDB when the extension is available). Only the
 * providers are public; they are found through {@link java.util.ServiceLoader}.
 */
package org.dcsuite.storage;
