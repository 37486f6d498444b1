package org.dcsuite.core.model;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A site (a data centre or edge location): the unit of time zone, grid region and facility metrics.
 *
 * @param id         unique across the configuration, the {@code site} series attribute
 * @param name       for people; defaults to the id
 * @param timeZone   for calendar windows, reports and load-shifting plans
 * @param gridRegion the electricity grid region (e.g. {@code FR}, {@code DE}) for carbon and price signals
 * @param location   free text (address, city)
 * @param inletEnvelope the inlet temperature range the site's equipment should stay in;
 *                   {@link TemperatureEnvelope#ASHRAE_RECOMMENDED} unless the site configures its own
 * @param rooms      the rooms
 * @param devices    devices that serve the whole site, such as facility meters
 */
public record Site(String id, String name, ZoneId timeZone, Optional<String> gridRegion, Optional<String> location,
                   TemperatureEnvelope inletEnvelope, List<Room> rooms, List<Device> devices) {

    public Site {
        Ids.require(id, "site id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(gridRegion, "gridRegion");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(inletEnvelope, "inletEnvelope");
        rooms = List.copyOf(rooms);
        devices = List.copyOf(devices);
        String scope = "site '" + id + "'";
        requireUniqueIds(rooms.stream().map(Room::id).toList(), "room id", scope);
        // Rack ids are unique per site, not per room, so "rack r01 of site X" is never ambiguous.
        requireUniqueIds(rooms.stream().flatMap(r -> r.racks().stream()).map(Rack::id).toList(), "rack id", scope);
        List<String> deviceIds = new ArrayList<>(devices.stream().map(Device::id).toList());
        for (Room room : rooms) {
            room.devices().forEach(d -> deviceIds.add(d.id()));
            room.racks().forEach(r -> r.devices().forEach(d -> deviceIds.add(d.id())));
        }
        requireUniqueIds(deviceIds, "device id", scope);
    }

    /** Every device of the site with where it sits: site-level first, then room by room, rack by rack. */
    public List<DeviceLocation> locations() {
        List<DeviceLocation> out = new ArrayList<>();
        for (Device d : devices) {
            out.add(new DeviceLocation(this, Optional.empty(), Optional.empty(), d));
        }
        for (Room room : rooms) {
            for (Device d : room.devices()) {
                out.add(new DeviceLocation(this, Optional.of(room), Optional.empty(), d));
            }
            for (Rack rack : room.racks()) {
                for (Device d : rack.devices()) {
                    out.add(new DeviceLocation(this, Optional.of(room), Optional.of(rack), d));
                }
            }
        }
        return out;
    }

    static void requireUniqueIds(List<String> ids, String what, String scope) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(scope + ": duplicate " + what + " '" + id + "'");
            }
        }
    }
}
