package org.dcsuite.energy.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A measured quantity over one period: energy of a category in kWh, water in L, CO2 in kg, cost.
 *
 * @param id       {@code facility}, {@code it}, {@code zone.ID.total}, {@code zone.ID.it}, {@code reuse},
 *                 {@code renewable}, {@code onsite.NAME}, {@code water}, {@code co2}, {@code cost}
 * @param value    what was measured in the measured part of the period; absent when nothing was
 * @param coverage the share of the period measured
 */
public record Figure(String id, String label, OptionalDouble value, String unit, double coverage,
        List<String> series, Optional<String> reason) {

    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        series = List.copyOf(series);
        Objects.requireNonNull(reason, "reason");
    }
}
