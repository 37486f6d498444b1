package org.dcsuite.storage;

import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;

/** Holds a DuckDB store open in a separate process until its stdin closes, as a running server would. */
final class DuckDbLockHolder {

    private DuckDbLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of(args[0]))) {
            System.out.println("open " + store.describeLocation());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close our stdin.
            }
        }
    }
}
