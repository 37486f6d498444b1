package org.dcsuite.energy.kpi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One KPI over one period, always with what it is made of: how much of the period all its inputs were
 * measured ({@code coverage}, 0 to 1), the series that fed it, and when it has no value, why.
 *
 * @param id       {@code pue}, {@code ppue}, {@code cue}, {@code wue}, {@code ere}, {@code erf}, {@code ref}
 * @param label    for people, with the metering category for PUE: "PUE category 1 (UPS output)"
 * @param zone     the zone, for pPUE
 * @param unit     empty for ratios; {@code kgCO2/kWh} for CUE, {@code L/kWh} for WUE
 * @param coverage the share of the period in which every input was measured; the KPI is computed over exactly
 *                 that time, so numerator and denominator always describe the same hours
 */
public record Kpi(String id, String label, Optional<String> zone, OptionalDouble value, String unit, double coverage,
        List<String> series, Optional<String> reason) {

    public Kpi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        series = List.copyOf(series);
        Objects.requireNonNull(reason, "reason");
        if (value.isEmpty() && reason.isEmpty()) {
            throw new IllegalArgumentException("a KPI without a value needs a reason: " + id);
        }
    }
}
