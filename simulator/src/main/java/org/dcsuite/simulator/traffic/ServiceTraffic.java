package org.dcsuite.simulator.traffic;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one simulated service at one site serves.
 *
 * @param name              the service, exported as {@code service.name}
 * @param requestsPerSecond the mean rate over a day; the plan's daily swing moves it around this
 * @param errorRatio        the share of requests that fail outside incidents, in [0, 1)
 * @param routes            at least one
 * @param segments          the latency of each segment a request goes through; at least one
 */
record ServiceTraffic(String name, double requestsPerSecond, double errorRatio, List<TrafficRoute> routes,
        Map<TrafficSegment, SegmentLatency> segments) {

    ServiceTraffic {
        Objects.requireNonNull(name, "name");
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("rate must be greater than zero, got " + requestsPerSecond);
        }
        if (!(errorRatio >= 0 && errorRatio < 1)) {
            throw new IllegalArgumentException("error ratio must be in [0, 1), got " + errorRatio);
        }
        routes = List.copyOf(routes);
        segments = Map.copyOf(segments);
        if (routes.isEmpty() || segments.isEmpty()) {
            throw new IllegalArgumentException("service '" + name + "' needs at least one route and one segment");
        }
    }
}
