package org.dcsuite.energy.config;

import java.util.Objects;

/** On-site generation (a diesel generator, a gas turbine) with its own emission factor in g CO2 per kWh. */
public record OnsiteSource(String name, double factorGramsPerKwh, MeterGroup meters) {

    public OnsiteSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meters, "meters");
        if (!(factorGramsPerKwh >= 0) || Double.isInfinite(factorGramsPerKwh)) {
            throw new IllegalArgumentException("factor must be zero or more, got " + factorGramsPerKwh);
        }
    }
}
