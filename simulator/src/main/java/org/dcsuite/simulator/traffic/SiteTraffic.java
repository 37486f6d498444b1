package org.dcsuite.simulator.traffic;

import java.util.List;
import java.util.Objects;

/**
 * The simulated services of one site, exported with {@code dcsuite.site} set to {@code site}.
 *
 * @param site     a site id of the configuration
 * @param services at least one
 */
record SiteTraffic(String site, List<ServiceTraffic> services) {

    SiteTraffic {
        Objects.requireNonNull(site, "site");
        services = List.copyOf(services);
    }
}
