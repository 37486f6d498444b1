package org.dcsuite.dashboard.data;

import java.util.List;
import java.util.Objects;

/**
 * One SLO's page: its row, what its definition says about it, and for a composite its components.
 *
 * @param description the definition's description, empty when it has none
 * @param source      where it is defined, {@code slos/checkout.yaml:3}
 * @param sliText     what the SLI measures, in the definition's terms
 * @param components  a composite's components (with their own rows), empty for a plain SLO
 * @param weights     a composite's component weights, in the order of {@code components}
 * @param latency     whether the SLI is a latency SLI, so the segment table applies
 */
public record SloDetail(SloRow row, String description, String source, String sliText, List<SloRow> components,
        List<Double> weights, boolean latency) {

    public SloDetail {
        Objects.requireNonNull(row, "row");
        components = List.copyOf(components);
        weights = List.copyOf(weights);
    }
}
