package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;

/**
 * What the Site view shows: the site's racks, room by room.
 *
 * @param siteId   the site id
 * @param siteName for people
 * @param envelope the inlet range racks are judged against
 * @param racks    every rack of every room, in configuration order
 */
public record SiteOverview(String siteId, String siteName, InletEnvelope envelope, List<RackStatus> racks) {

    public SiteOverview {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(envelope, "envelope");
        racks = List.copyOf(racks);
    }
}
