package org.dcsuite.dashboard.data;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One configured device's health as the collectors last reported it.
 *
 * @param deviceId      unique across the configuration
 * @param deviceName    for people
 * @param siteId        the device's site
 * @param room          the room id; empty for site-level devices
 * @param rack          the rack id; empty for devices outside racks
 * @param kind          the configuration name of the kind ({@code pdu})
 * @param protocol      the endpoint's scheme ({@code snmp})
 * @param status        up, down, or no recent data
 * @param lastSuccess   when a poll last succeeded
 * @param pollSeconds   how long the last poll took, in seconds
 * @param errorsByKind  the collectors' error counters by kind (since the counter started), non-zero ones only
 */
public record DeviceHealth(String deviceId, String deviceName, String siteId, Optional<String> room,
        Optional<String> rack, String kind, String protocol, Status status, Optional<Instant> lastSuccess,
        OptionalDouble pollSeconds, SortedMap<String, Long> errorsByKind) {

    public DeviceHealth {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(pollSeconds, "pollSeconds");
        errorsByKind = Collections.unmodifiableSortedMap(new TreeMap<>(errorsByKind));
    }

    /** The sum of all error counters. */
    public long errorTotal() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Copies an error map, keeping non-zero counts. */
    static SortedMap<String, Long> nonZero(Map<String, Long> counts) {
        SortedMap<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether the last poll worked. */
    public enum Status {
        /** The last poll succeeded. */
        UP,
        /** The last poll failed. */
        DOWN,
        /** No health sample within the look-back: not polled, or polled by another member that is gone. */
        NO_DATA
    }
}
