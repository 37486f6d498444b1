package org.dcsuite.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device together with the site, room and rack it belongs to, which collectors turn into series
 * attributes.
 *
 * @param room empty for site-level devices
 * @param rack empty for site- and room-level devices
 */
public record DeviceLocation(Site site, Optional<Room> room, Optional<Rack> rack, Device device) {

    public DeviceLocation {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(device, "device");
    }

    /** The topology attributes {@code site}, {@code room}, {@code rack}, {@code device}, those that apply. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("site", site.id());
        room.ifPresent(r -> labels.put("room", r.id()));
        rack.ifPresent(r -> labels.put("rack", r.id()));
        labels.put("device", device.id());
        return labels;
    }

    @Override
    public String toString() {
        return "DeviceLocation" + labels();
    }
}
