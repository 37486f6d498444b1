package org.dcsuite.core.store;

/**
 * Opens stores for URLs of one kind; found with {@link java.util.ServiceLoader}, so the composition root
 * needs no knowledge of the implementations.
 */
public interface TelemetryStoreProvider {

    /** The name used in docs and errors ({@code duckdb}, {@code postgresql}). */
    String name();

    /** Whether this provider handles the URL (by its prefix). */
    boolean accepts(String url);

    /**
     * Opens (and if needed creates and migrates) the store.
     *
     * @throws StoreException naming the store (redacted URL) when it cannot be opened
     */
    TelemetryStore open(StoreSettings settings);
}
