package org.dcsuite.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A room (or hall, or zone) of a site: its racks and the devices that serve the whole room, such as cooling
 * units and UPSes.
 *
 * @param id      unique within its site
 * @param name    for people; defaults to the id
 * @param racks   the racks
 * @param devices devices of the room that are not in a rack
 */
public record Room(String id, String name, List<Rack> racks, List<Device> devices) {

    public Room {
        Ids.require(id, "room id");
        Objects.requireNonNull(name, "name");
        racks = List.copyOf(racks);
        devices = List.copyOf(devices);
        Site.requireUniqueIds(racks.stream().map(Rack::id).toList(), "rack id", "room '" + id + "'");
    }
}
