package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A room's cooling totals, from the units that reported: a unit without a reading is left out of that figure
 * rather than counted as zero, and the counts say how many units each figure covers.
 *
 * @param roomId        the room id; empty for the site-level units
 * @param roomName      for people
 * @param units         cooling units configured in the room
 * @param coolingWatts  sum of the units' cooling power in W; empty when none reported
 * @param powerUnits    how many units {@code coolingWatts} sums
 * @param meanSupplyC   mean supply air temperature in °C over the units reporting one
 * @param supplyUnits   how many units {@code meanSupplyC} averages
 * @param meanReturnC   mean return air temperature in °C over the units reporting one
 * @param returnUnits   how many units {@code meanReturnC} averages
 */
public record CoolingRoom(String roomId, String roomName, int units, OptionalDouble coolingWatts, int powerUnits,
        OptionalDouble meanSupplyC, int supplyUnits, OptionalDouble meanReturnC, int returnUnits) {

    public CoolingRoom {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(coolingWatts, "coolingWatts");
        Objects.requireNonNull(meanSupplyC, "meanSupplyC");
        Objects.requireNonNull(meanReturnC, "meanReturnC");
    }
}
