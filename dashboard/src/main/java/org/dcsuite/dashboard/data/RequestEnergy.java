package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A site's facility energy per 1000 requests, from the increase of its {@code trace.requests} counters over the range.
 *
 * @param requests       the requests counted in the range; empty when none can be attributed to the site
 * @param kwhPer1000     facility kWh over the measured time per 1000 requests; empty when either is missing
 * @param explanation    how the value was computed, or why there is none
 */
public record RequestEnergy(OptionalDouble requests, OptionalDouble kwhPer1000, String explanation) {

    public RequestEnergy {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(kwhPer1000, "kwhPer1000");
        Objects.requireNonNull(explanation, "explanation");
    }
}
