package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;

/**
 * What the Servers view shows: a site's servers.
 *
 * @param siteId   the site id
 * @param siteName for people
 * @param servers  every server of the site, in configuration order
 */
public record ServersOverview(String siteId, String siteName, List<ServerStatus> servers) {

    public ServersOverview {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        servers = List.copyOf(servers);
    }
}
