package org.dcsuite.core.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code collectors} section of {@code dcsuite.yaml}: how often devices are polled when their own
 * configuration does not say. A device's {@code poll_interval} wins, then its profile's entry in
 * {@code profile_intervals}, then {@code poll_interval} here.
 *
 * @param pollInterval     the default interval
 * @param profileIntervals intervals by device profile name, e.g. slower for UPSes than for PDUs
 */
public record CollectorsConfig(Duration pollInterval, Map<String, Duration> profileIntervals) {

    /** Ten seconds, as Telegraf's default; SNMP and Redfish devices answer that often without strain. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final CollectorsConfig DEFAULT = new CollectorsConfig(DEFAULT_POLL_INTERVAL, Map.of());

    public CollectorsConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        profileIntervals = Map.copyOf(profileIntervals);
    }

    /** The interval for a device with this profile and no interval of its own. */
    public Duration intervalFor(Optional<String> profile) {
        return profile.map(profileIntervals::get).orElse(pollInterval);
    }
}
