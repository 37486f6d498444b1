package org.dcsuite.core.config;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;

/**
 * The {@code store} section of {@code dcsuite.yaml}.
 *
 * @param url       empty means {@link StoreSettings#DEFAULT_URL}; may hold a password, so it is printed redacted
 * @param retention how long each resolution is kept
 */
public record StoreConfig(Optional<String> url, RetentionPolicy retention) {

    /** The embedded store with default retention. */
    public static final StoreConfig DEFAULT = new StoreConfig(Optional.empty(), RetentionPolicy.DEFAULT);

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(retention, "retention");
    }

    /** The settings to open the store with. */
    public StoreSettings toSettings(Clock clock) {
        return new StoreSettings(url.orElse(StoreSettings.DEFAULT_URL), retention, clock);
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + url.map(StoreSettings::redact).orElse("(default)") + ", retention=" + retention + "]";
    }
}
