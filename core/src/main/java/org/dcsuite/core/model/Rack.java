package org.dcsuite.core.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A rack and the devices mounted in it.
 *
 * @param id                unique within its site
 * @param name              for people; defaults to the id
 * @param powerBudgetWatts  the power the rack may draw, for capacity views and alerts
 * @param devices           PDUs, servers and other rack-mounted devices
 */
public record Rack(String id, String name, OptionalDouble powerBudgetWatts, List<Device> devices) {

    public Rack {
        Ids.require(id, "rack id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(powerBudgetWatts, "powerBudgetWatts");
        if (powerBudgetWatts.isPresent() && !(powerBudgetWatts.getAsDouble() > 0)) {
            throw new IllegalArgumentException("rack '" + id + "': power budget must be greater than zero, got "
                    + powerBudgetWatts.getAsDouble());
        }
        devices = List.copyOf(devices);
        Site.requireUniqueIds(devices.stream().map(Device::id).toList(), "device id", "rack '" + id + "'");
    }
}
