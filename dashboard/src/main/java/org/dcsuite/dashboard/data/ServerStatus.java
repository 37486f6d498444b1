package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One server's line on the Servers view, from its Redfish readings. Every figure is empty when the BMC did not
 * report it recently, so the screen can say "not reported" instead of showing a made-up zero.
 *
 * @param roomName      the room the server stands in; empty for a site-level server
 * @param rackId        the rack; empty for a server outside racks
 * @param deviceId      the configured device id
 * @param deviceName    for people
 * @param model         manufacturer and model of {@code hw.server.info}
 * @param serial        {@code serial_number} of {@code hw.server.info}
 * @param firmware      {@code firmware_version} (the BMC's) of {@code hw.server.info}
 * @param bios          {@code bios_version} of {@code hw.server.info}
 * @param powerWatts    sum of the chassis' {@code hw.host.power} in W
 * @param hottestC      the highest {@code hw.temperature} of the server in °C
 * @param hottestSensor the {@code hw.name} (else {@code hw.id}) of that sensor
 * @param slowestFanRpm the lowest {@code hw.fan.speed} in rpm
 * @param fans          how many fan speeds were read
 * @param failedFans    fans whose {@code hw.status} is {@code failed}; empty when no fan reports a status
 * @param health        the worst {@code hw.state} of the systems' {@code hw.status} ({@code ok}, {@code degraded},
 *                      {@code failed})
 * @param poweredOn     whether every system's {@code hw.power_state} is on
 */
public record ServerStatus(String roomName, Optional<String> rackId, String deviceId, String deviceName,
        Optional<String> model, Optional<String> serial, Optional<String> firmware, Optional<String> bios,
        OptionalDouble powerWatts,
        OptionalDouble hottestC, Optional<String> hottestSensor, OptionalDouble slowestFanRpm, int fans,
        OptionalInt failedFans, Optional<String> health, Optional<Boolean> poweredOn) {

    public ServerStatus {
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(rackId, "rackId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(bios, "bios");
        Objects.requireNonNull(powerWatts, "powerWatts");
        Objects.requireNonNull(hottestC, "hottestC");
        Objects.requireNonNull(hottestSensor, "hottestSensor");
        Objects.requireNonNull(slowestFanRpm, "slowestFanRpm");
        Objects.requireNonNull(failedFans, "failedFans");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(poweredOn, "poweredOn");
    }
}
