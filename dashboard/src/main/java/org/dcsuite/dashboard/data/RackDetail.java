package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the Rack view shows.
 *
 * @param siteId          the site id
 * @param siteName        for people
 * @param status          the rack's power, budget and inlet, as on the Site view
 * @param pdus            the rack's PDUs, in configuration order
 * @param feedRatingWatts one feed's rating in W (the smaller feed's, each feed's PDUs added); empty when unknown
 * @param redundancy      whether one feed can carry the whole rack
 */
public record RackDetail(String siteId, String siteName, RackStatus status, List<PduStatus> pdus,
        OptionalDouble feedRatingWatts, RedundancyCheck.Result redundancy) {

    public RackDetail {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(status, "status");
        pdus = List.copyOf(pdus);
        Objects.requireNonNull(feedRatingWatts, "feedRatingWatts");
        Objects.requireNonNull(redundancy, "redundancy");
    }

    /** How each rated PDU's rating becomes W with its configured convention, then the rule's assumptions. */
    public String convention() {
        List<String> formulas = pdus.stream()
                .flatMap(p -> p.rating().formula().map(f -> p.deviceId() + ": " + f).stream()).toList();
        return (formulas.isEmpty() ? "No PDU of this rack has a rating configured."
                : "Ratings as configured: " + String.join("; ", formulas) + ".") + " " + RedundancyCheck.CONVENTION;
    }
}
