package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One rack's line on the Site view: its power against its budget and its hottest inlet against the envelope.
 *
 * @param roomId           the room the rack stands in
 * @param roomName         for people
 * @param rackId           unique within the site
 * @param rackName         for people
 * @param powerWatts       sum of the rack's PDU inlet totals in W, both feeds; empty when no PDU reported recently
 * @param powerSources     how many PDU inlet readings {@code powerWatts} sums
 * @param budgetWatts      the rack's configured power budget in W; empty when none is configured
 * @param worstInletC      the hottest inlet temperature of the rack's devices in °C; empty when none reported
 * @param worstInletDevice the device with the hottest inlet
 * @param envelope         the inlet range the temperature is judged against
 */
public record RackStatus(String roomId, String roomName, String rackId, String rackName, OptionalDouble powerWatts,
        int powerSources, OptionalDouble budgetWatts, OptionalDouble worstInletC, Optional<String> worstInletDevice,
        InletEnvelope envelope) {

    /** A rack drawing more than this share of its budget is a hot spot: little headroom is left for a new server. */
    public static final double HOT_SPOT_BUDGET_PERCENT = 90.0;

    public RackStatus {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(rackId, "rackId");
        Objects.requireNonNull(rackName, "rackName");
        Objects.requireNonNull(powerWatts, "powerWatts");
        Objects.requireNonNull(budgetWatts, "budgetWatts");
        Objects.requireNonNull(worstInletC, "worstInletC");
        Objects.requireNonNull(worstInletDevice, "worstInletDevice");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** Power as a percentage of the budget; empty without power or budget. */
    public OptionalDouble budgetPercent() {
        if (powerWatts.isEmpty() || budgetWatts.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(100.0 * powerWatts.getAsDouble() / budgetWatts.getAsDouble());
    }

    /** Where the worst inlet lies against the envelope. */
    public SiteSummary.InletBand inletBand() {
        return envelope.band(worstInletC);
    }

    /** Whether the inlet is above the envelope or the power above {@link #HOT_SPOT_BUDGET_PERCENT} of the budget. */
    public boolean hotSpot() {
        return !hotSpotReasons().isEmpty();
    }

    /** Why the rack is a hot spot, for the screen; empty when it is not one. */
    public String hotSpotReasons() {
        StringBuilder out = new StringBuilder();
        if (inletBand() == SiteSummary.InletBand.ABOVE) {
            out.append("inlet above ").append(InletEnvelope.celsius(envelope.maxC()));
        }
        if (budgetPercent().isPresent() && budgetPercent().getAsDouble() > HOT_SPOT_BUDGET_PERCENT) {
            out.append(out.isEmpty() ? "" : ", ").append("power above ").append(Math.round(HOT_SPOT_BUDGET_PERCENT))
                    .append(" % of budget");
        }
        return out.toString();
    }
}
