package org.dcsuite.energy.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Sites side by side over the same interval. Each site keeps its own PUE category: comparing a category 1
 * PUE with a category 3 one is the reader's call, so the category is printed beside every PUE.
 */
public record FleetReport(Instant from, Instant to, List<EnergyReport> sites) {

    public FleetReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        sites = List.copyOf(sites);
    }
}
