package org.dcsuite.core.store;

import java.time.Clock;
import java.util.Objects;

/**
 * What is needed to open a store.
 *
 * @param url       {@code duckdb:PATH} (the default, {@link #DEFAULT_URL}) or {@code jdbc:postgresql://...};
 *                  may hold a password, so never log it: use {@link #redactedUrl()}
 * @param retention how long each resolution is kept
 * @param clock     the time source for retention and rollup watermarks
 */
public record StoreSettings(String url, RetentionPolicy retention, Clock clock) {

    /** The embedded store, created on first use. */
    public static final String DEFAULT_URL = "duckdb:./data/dcsuite.duckdb";

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clock, "clock");
    }

    public static StoreSettings of(String url) {
        return new StoreSettings(url, RetentionPolicy.DEFAULT, Clock.systemUTC());
    }

    /** The URL with any password replaced by {@code ***}. */
    public String redactedUrl() {
        return redact(url);
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + redactedUrl() + ", retention=" + retention + "]";
    }
}
