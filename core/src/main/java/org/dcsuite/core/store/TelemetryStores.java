package org.dcsuite.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens a store by URL through the {@link TelemetryStoreProvider}s on the class path. */
public final class TelemetryStores {

    private TelemetryStores() {
    }

    /**
     * @throws IllegalArgumentException when no provider accepts the URL, naming the accepted forms
     * @throws StoreException when the store cannot be opened
     */
    public static TelemetryStore open(StoreSettings settings) {
        List<String> names = new ArrayList<>();
        for (TelemetryStoreProvider provider : ServiceLoader.load(TelemetryStoreProvider.class)) {
            if (provider.accepts(settings.url())) {
                return provider.open(settings);
            }
            names.add(provider.name());
        }
        throw new IllegalArgumentException("unsupported store URL '" + settings.redactedUrl()
                + "': use duckdb:PATH or jdbc:postgresql://HOST:PORT/DB (providers found: " + names + ")");
    }
}
