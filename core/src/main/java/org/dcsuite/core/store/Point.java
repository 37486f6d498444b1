package org.dcsuite.core.store;

import java.time.Instant;

/** One value of a query result at one time. */
public record Point(long timeMillis, double value) {

    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }
}
