package org.dcsuite.drivers;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.Endpoint;

/**
 * Everything a driver needs to reach one device.
 *
 * @param deviceId    the device id, used in readings and every error message
 * @param endpoint    where the device is and which protocol it speaks
 * @param profile     the device profile; empty lets the driver discover one (SunSpec, sysObjectID, Redfish)
 * @param credentials community, user and passphrases as secrets
 * @param timeout     the bound on one request (default {@link #DEFAULT_TIMEOUT})
 * @param retries     further attempts after a failed request (default {@link #DEFAULT_RETRIES})
 * @param options     protocol-specific settings, each driver's README lists its keys (for example
 *                    {@code snmp.version}, {@code snmp.auth_protocol}, {@code redfish.insecure}); unknown keys
 *                    are a {@link DriverErrorKind#CONFIG} error at open
 * @param clock       the time source for reading timestamps
 */
public record DeviceTarget(String deviceId, Endpoint endpoint, Optional<String> profile, Credentials credentials,
        Duration timeout, int retries, Map<String, String> options, Clock clock) {

    /** Three seconds: long enough for a busy BMC, short enough for a 10 s poll interval. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** One retry: a lost UDP datagram or a dropped TCP connection is retried once. */
    public static final int DEFAULT_RETRIES = 1;

    public DeviceTarget {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("device '" + deviceId + "': timeout must be greater than zero");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("device '" + deviceId + "': retries must be 0-10, got " + retries);
        }
        options = Map.copyOf(options);
    }

    /** A target for a configured device; unset timeout and retries take the defaults. */
    public static DeviceTarget of(Device device, Clock clock) {
        return new DeviceTarget(device.id(), device.endpoint(), device.profile(), device.credentials(),
                device.driver().timeout().orElse(DEFAULT_TIMEOUT),
                device.driver().retries().orElse(DEFAULT_RETRIES), device.driver().options(), clock);
    }

    /** The option's value, or the default. */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /** "device 'x' (snmp://host:port)": the prefix every error message starts with. */
    public String describe() {
        return "device '" + deviceId + "' (" + endpoint.protocol().scheme() + "://" + endpoint.host() + ":"
                + endpoint.port() + ")";
    }
}
