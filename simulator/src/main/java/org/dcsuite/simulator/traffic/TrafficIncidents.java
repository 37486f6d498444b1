package org.dcsuite.simulator.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * Short incidents every service has now and then: while one lasts, requests fail at {@code errorRatio} (unless the
 * service's own ratio is higher) and every segment takes {@code latencyFactor} times as long.
 *
 * @param meanInterval  the mean time between incidents of one service (starts are a Poisson process)
 * @param duration      how long each incident lasts
 * @param errorRatio    the error ratio during an incident, in [0, 1]
 * @param latencyFactor how much slower every segment is during an incident, at least 1
 */
record TrafficIncidents(Duration meanInterval, Duration duration, double errorRatio, double latencyFactor) {

    /** The longest mean interval: longer ones would mean no incidents at all, which is leaving them out. */
    static final Duration MAX_MEAN_INTERVAL = Duration.ofDays(365);

    TrafficIncidents {
        Objects.requireNonNull(meanInterval, "meanInterval");
        Objects.requireNonNull(duration, "duration");
        if (meanInterval.isNegative() || meanInterval.isZero() || meanInterval.compareTo(MAX_MEAN_INTERVAL) > 0
                || duration.isNegative() || duration.isZero() || duration.compareTo(MAX_MEAN_INTERVAL) > 0) {
            throw new IllegalArgumentException("incident interval and duration must be greater than zero and at most "
                    + MAX_MEAN_INTERVAL.toDays() + " days");
        }
        if (!(errorRatio >= 0 && errorRatio <= 1) || !(latencyFactor >= 1) || Double.isInfinite(latencyFactor)) {
            throw new IllegalArgumentException("incident error ratio must be in [0, 1] and latency factor at least 1");
        }
    }
}
