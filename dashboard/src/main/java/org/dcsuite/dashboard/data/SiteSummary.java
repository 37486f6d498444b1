package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One site's line on the Fleet view.
 *
 * @param siteId            the site id (the {@code site} attribute)
 * @param siteName          for people
 * @param itKw              sum of the PDUs' inlet power in kW; empty when no PDU reported recently
 * @param itSources         how many PDU inlet readings {@code itKw} sums
 * @param facilityKw        sum of the facility meters' total power in kW; empty when no meter reported recently
 * @param facilitySources   how many meter readings {@code facilityKw} sums
 * @param worstInletC       the hottest server inlet temperature in °C; empty when none reported recently
 * @param worstInletDevice  the device with the hottest inlet
 * @param devicesUp         devices whose last poll succeeded
 * @param devicesDown       devices whose last poll failed
 * @param devicesNoData     configured devices without a recent health sample (not polled, or polled elsewhere)
 * @param envelope          the site's inlet envelope the worst inlet is judged against
 */
public record SiteSummary(String siteId, String siteName, OptionalDouble itKw, int itSources, OptionalDouble facilityKw,
        int facilitySources, OptionalDouble worstInletC, Optional<String> worstInletDevice, int devicesUp,
        int devicesDown, int devicesNoData, InletEnvelope envelope) {

    public SiteSummary {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(itKw, "itKw");
        Objects.requireNonNull(facilityKw, "facilityKw");
        Objects.requireNonNull(worstInletC, "worstInletC");
        Objects.requireNonNull(worstInletDevice, "worstInletDevice");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** Where the worst inlet lies against the site's envelope. */
    public InletBand inletBand() {
        return envelope.band(worstInletC);
    }

    /** All configured devices of the site. */
    public int devices() {
        return devicesUp + devicesDown + devicesNoData;
    }

    /** An inlet temperature against a site's {@link InletEnvelope}. */
    public enum InletBand { BELOW, WITHIN, ABOVE, UNKNOWN }
}
