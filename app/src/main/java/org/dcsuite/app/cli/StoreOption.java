package org.dcsuite.app.cli;

import java.time.Clock;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import picocli.CommandLine.Option;

/** The {@code --store URL} option shared by every command that opens a store. */
public final class StoreOption {

    @Option(names = "--store", paramLabel = "URL",
            description = "Store URL: duckdb:PATH (default ${DEFAULT-VALUE}) or jdbc:postgresql://HOST:PORT/DB?user=U",
            defaultValue = StoreSettings.DEFAULT_URL)
    String url;

    /** The URL given on the command line, or the default. */
    public String url() {
        return url;
    }

    public StoreSettings settings(RetentionPolicy retention, Clock clock) {
        return new StoreSettings(url, retention, clock);
    }

    public StoreSettings settings() {
        return StoreSettings.of(url);
    }
}
