package org.dcsuite.app.cli;

import java.time.Clock;
import java.util.Optional;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import picocli.CommandLine.Option;

/** The {@code --store URL} option shared by every command that opens a store. */
public final class StoreOption {

    @Option(names = "--store", paramLabel = "URL",
            description = "Store URL: duckdb:PATH or jdbc:postgresql://HOST:PORT/DB?user=U (default: "
                    + StoreSettings.DEFAULT_URL + "; 'run' takes store.url from --config first)")
    String url;

    /** The URL given on the command line, or the default. */
    public String url() {
        return url == null ? StoreSettings.DEFAULT_URL : url;
    }

    /** The URL given on the command line, else the configured one, else the default. */
    public String url(Optional<String> configured) {
        return url != null ? url : configured.orElse(StoreSettings.DEFAULT_URL);
    }

    public StoreSettings settings(RetentionPolicy retention, Clock clock) {
        return new StoreSettings(url(), retention, clock);
    }

    public StoreSettings settings() {
        return StoreSettings.of(url());
    }
}
