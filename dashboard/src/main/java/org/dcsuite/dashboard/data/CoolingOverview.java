package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;

/**
 * What the Cooling view shows: a site's cooling units and their rooms' totals.
 *
 * @param siteId   the site id
 * @param siteName for people
 * @param units    every cooling unit of the site, room by room in configuration order, site-level units last
 * @param rooms    one line per room that has cooling units, in the same order
 */
public record CoolingOverview(String siteId, String siteName, List<CoolingUnitStatus> units, List<CoolingRoom> rooms) {

    public CoolingOverview {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        units = List.copyOf(units);
        rooms = List.copyOf(rooms);
    }
}
