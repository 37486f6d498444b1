package org.dcsuite.storage;

import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStoreProvider;
import org.dcsuite.core.store.StoreSettings;

/** Opens the PostgreSQL store (TimescaleDB when the extension is available) for {@code jdbc:postgresql:} URLs. */
public final class PostgresStoreProvider implements TelemetryStoreProvider {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String url) {
        return url != null && url.startsWith(PostgresTelemetryStore.PREFIX);
    }

    @Override
    public TelemetryStore open(StoreSettings settings) {
        return new PostgresTelemetryStore(settings);
    }
}
