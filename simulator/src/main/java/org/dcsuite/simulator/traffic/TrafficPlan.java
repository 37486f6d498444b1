package org.dcsuite.simulator.traffic;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated application traffic of a configuration, as {@code traffic.yaml} declares it.
 *
 * @param dailySwing how far the rate moves over a site's local day, as a share of the mean, in [0, 1): the rate
 *                   peaks at {@link #PEAK_HOUR} local time at {@code (1 + dailySwing)} times the mean
 * @param incidents  the incidents every service has now and then; none when empty
 * @param sites      the sites with traffic, each at most once
 */
public record TrafficPlan(double dailySwing, Optional<TrafficIncidents> incidents, List<SiteTraffic> sites) {

    /** The local hour at which traffic peaks; the trough is twelve hours later. */
    public static final int PEAK_HOUR = 14;

    public TrafficPlan {
        if (!(dailySwing >= 0 && dailySwing < 1)) {
            throw new IllegalArgumentException("daily swing must be in [0, 1), got " + dailySwing);
        }
        Objects.requireNonNull(incidents, "incidents");
        sites = List.copyOf(sites);
    }
}
