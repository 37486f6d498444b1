package org.dcsuite.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A part of a device that has its own readings (a fan, a power supply, a temperature sensor), the
 * {@code hw.id} of OpenTelemetry hardware metrics.
 *
 * @param id       unique within the device
 * @param type     the {@code hw.type}
 * @param name     for people; defaults to the id
 * @param parentId the enclosing component, if any (a fan of a power supply)
 */
public record Component(String id, HwType type, String name, Optional<String> parentId) {

    public Component {
        Ids.require(id, "component id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parentId, "parentId");
        parentId.ifPresent(p -> Ids.require(p, "parent component id"));
        if (parentId.filter(id::equals).isPresent()) {
            throw new IllegalArgumentException("component '" + id + "' cannot be its own parent");
        }
    }

    public static Component of(String id, HwType type) {
        return new Component(id, type, id, Optional.empty());
    }
}
