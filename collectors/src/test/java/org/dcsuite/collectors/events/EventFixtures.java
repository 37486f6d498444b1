package org.dcsuite.collectors.events;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.DriverSettings;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;

/** Devices in a small site, events and polling helpers shared by the event tests. */
final class EventFixtures {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private EventFixtures() {
    }

    static Device snmpDevice(String id, String host, String community) {
        return new Device(id, id, DeviceKind.PDU, Endpoint.parse("snmp://" + host + ":161"), Optional.of("apc-rpdu2"),
                Optional.empty(), new Credentials(Optional.of(Secret.of(community)), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(Feed.A), Optional.empty(), Map.of("owner", "ops"), List.of(), DriverSettings.DEFAULT);
    }

    static Device redfishDevice(String id, String host, int port) {
        return Device.of(id, DeviceKind.SERVER, Endpoint.parse("redfish://" + host + ":" + port), "redfish");
    }

    /** Each device in rack r01 of room room-1 of site paris. */
    static List<DeviceLocation> locate(Device... devices) {
        Rack rack = new Rack("r01", "r01", OptionalDouble.empty(), List.of(devices));
        Room room = new Room("room-1", "room-1", List.of(rack), List.of());
        Site site = new Site("paris", "paris", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED, List.of(room), List.of());
        return Arrays.stream(devices)
                .map(d -> new DeviceLocation(site, Optional.of(room), Optional.of(rack), d)).toList();
    }

    static DeviceEvent event(String deviceId, String type, int second) {
        return new DeviceEvent(Optional.ofNullable(deviceId), "snmp://10.0.0.5:162", type, Optional.empty(),
                "event " + type, Map.of("n", Integer.toString(second)), T0.plusSeconds(second));
    }

    static EventQuery everything() {
        return EventQuery.between(T0.minus(Duration.ofDays(365)), T0.plus(Duration.ofDays(365)));
    }

    /** Polls until the condition holds; fails after {@link #DEADLINE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
