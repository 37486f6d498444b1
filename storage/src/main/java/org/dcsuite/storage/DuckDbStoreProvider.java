package org.dcsuite.storage;

import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStoreProvider;
import org.dcsuite.core.store.StoreSettings;

/** Opens the embedded DuckDB store for {@code duckdb:PATH} and {@code duckdb::memory:} URLs. */
public final class DuckDbStoreProvider implements TelemetryStoreProvider {

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public boolean accepts(String url) {
        return url != null && url.startsWith(DuckDbTelemetryStore.PREFIX);
    }

    @Override
    public TelemetryStore open(StoreSettings settings) {
        return new DuckDbTelemetryStore(settings);
    }
}
