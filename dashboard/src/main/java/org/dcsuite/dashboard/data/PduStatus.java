package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.model.Feed;

/**
 * One PDU of a rack: its inlet power, phases and outlets.
 *
 * @param deviceId      the device id
 * @param name          for people
 * @param feed          the feed configured for it; empty when the configuration names none
 * @param powerWatts    its inlet total in W; empty when it has not reported recently
 * @param phases        per-phase currents, sorted by phase name
 * @param rating        the configured rating, or why there is none
 * @param outlets       per-outlet readings, sorted by outlet number; empty when the profile reports no outlets
 */
public record PduStatus(String deviceId, String name, Optional<Feed> feed, OptionalDouble powerWatts,
        List<PhaseReading> phases, PduRating rating, List<OutletReading> outlets) {

    public PduStatus {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(powerWatts, "powerWatts");
        phases = List.copyOf(phases);
        Objects.requireNonNull(rating, "rating");
        outlets = List.copyOf(outlets);
    }

    /**
     * Phase imbalance in %: the largest deviation of a phase current from the mean of the phases, over that mean
     * (the NEMA definition). Empty with fewer than two phases or no current at all.
     */
    public OptionalDouble imbalancePercent() {
        return imbalancePercent(phases.stream().mapToDouble(PhaseReading::currentAmps).toArray());
    }

    /** {@link #imbalancePercent()} of plain currents in A. */
    public static OptionalDouble imbalancePercent(double[] currents) {
        if (currents.length < 2) {
            return OptionalDouble.empty();
        }
        double mean = 0;
        for (double c : currents) {
            mean += c / currents.length;
        }
        if (!(mean > 0)) {
            return OptionalDouble.empty();
        }
        double worst = 0;
        for (double c : currents) {
            worst = Math.max(worst, Math.abs(c - mean));
        }
        return OptionalDouble.of(100.0 * worst / mean);
    }

    /** This PDU's capacity in W from its configured rating; empty without a rating. */
    public OptionalDouble ratingWatts() {
        return rating.watts();
    }
}
