package org.dcsuite.simulator.traffic;

import java.util.Objects;

/**
 * One route of a simulated service and its share of the service's requests.
 *
 * @param method the HTTP method ({@code GET}, {@code POST}, ...)
 * @param route  the route template, as {@code http.route} carries it ({@code /orders/{id}})
 * @param weight the route's share, relative to the service's other routes; greater than zero
 */
record TrafficRoute(String method, String route, double weight) {

    TrafficRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("route weight must be greater than zero, got " + weight);
        }
    }
}
