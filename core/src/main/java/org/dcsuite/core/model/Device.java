package org.dcsuite.core.model;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A polled device: a PDU, UPS, cooling unit, meter or server.
 *
 * @param id           unique across the whole configuration, the {@code device} series attribute
 * @param name         for people; defaults to the id
 * @param kind         what it is
 * @param endpoint     where and how it is reached
 * @param profile      the device profile (register, OID or resource map) the driver uses; empty lets the
 *                     driver discover one (SunSpec, sysObjectID, the Redfish service itself)
 * @param pollInterval how often to poll; empty means the collectors' default
 * @param credentials  {@link Credentials#NONE} when the protocol needs none
 * @param feed         the power feed the device is on, for PDUs and UPSes of A/B pairs
 * @param rating       the nameplate power rating, for PDUs and UPSes only; a real field rather than an attribute
 *                     because attributes are copied onto every series of the device
 * @param attributes   free-form labels copied to the device's series
 * @param components   parts declared in configuration; drivers may discover more
 * @param driver       timeout, retries and protocol options for the driver
 */
public record Device(String id, String name, DeviceKind kind, Endpoint endpoint, Optional<String> profile,
                     Optional<Duration> pollInterval, Credentials credentials, Optional<Feed> feed,
                     Optional<PowerRating> rating, Map<String, String> attributes, List<Component> components,
                     DriverSettings driver) {

    public Device {
        Ids.require(id, "device id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(profile, "profile");
        if (profile.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("device '" + id + "': profile must not be blank");
        }
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(pollInterval, "pollInterval");
        pollInterval.ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("device '" + id + "': poll interval must be greater than zero");
            }
        });
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(rating, "rating");
        if (rating.isPresent() && !PowerRating.appliesTo(kind)) {
            throw new IllegalArgumentException("device '" + id + "': a rating applies only to pdu and ups devices, not "
                    + kind.configName());
        }
        attributes = Map.copyOf(attributes);
        components = List.copyOf(components);
        Set<String> seen = new HashSet<>();
        for (Component c : components) {
            if (!seen.add(c.id())) {
                throw new IllegalArgumentException("device '" + id + "': duplicate component id '" + c.id() + "'");
            }
        }
        for (Component c : components) {
            c.parentId().filter(p -> !seen.contains(p)).ifPresent(p -> {
                throw new IllegalArgumentException("device '" + id + "': component '" + c.id()
                        + "' has unknown parent '" + p + "'");
            });
        }
    }

    /** A device with only the required fields, for tests and programmatic set-ups. */
    public static Device of(String id, DeviceKind kind, Endpoint endpoint, String profile) {
        return new Device(id, id, kind, endpoint, Optional.of(profile), Optional.empty(), Credentials.NONE,
                Optional.empty(), Optional.empty(), Map.of(), List.of(), DriverSettings.DEFAULT);
    }
}
