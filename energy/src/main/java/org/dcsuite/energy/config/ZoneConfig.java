package org.dcsuite.energy.config;

import java.util.Objects;

/** A room, zone or container with its own pPUE: the energy going into it and the IT energy inside it. */
public record ZoneConfig(String id, String name, MeterGroup total, MeterGroup it) {

    public ZoneConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(it, "it");
    }
}
