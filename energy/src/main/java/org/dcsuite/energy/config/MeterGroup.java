package org.dcsuite.energy.config;

import java.util.List;

/** The meters whose energy (or water) adds up to one quantity of a site, such as its IT energy. */
public record MeterGroup(List<MeterSpec> meters) {

    public MeterGroup {
        meters = List.copyOf(meters);
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a meter group needs at least one meter");
        }
    }

    public static MeterGroup of(String... selectors) {
        return new MeterGroup(java.util.Arrays.stream(selectors).map(MeterSpec::of).toList());
    }
}
