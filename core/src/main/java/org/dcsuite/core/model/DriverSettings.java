package org.dcsuite.core.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How a driver talks to one device, beyond its endpoint and credentials. Empty values mean the driver's
 * defaults; option keys are namespaced by protocol ({@code snmp.version}, {@code redfish.insecure},
 * {@code modbus.gap_fill}) and each driver's README lists its own.
 *
 * @param timeout the bound on one request
 * @param retries further attempts after a failed request
 * @param options protocol-specific settings, checked by the driver when a session opens
 */
public record DriverSettings(Optional<Duration> timeout, OptionalInt retries, Map<String, String> options) {

    /** The drivers' defaults. */
    public static final DriverSettings DEFAULT = new DriverSettings(Optional.empty(), OptionalInt.empty(), Map.of());

    private static final Pattern OPTION_KEY = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z0-9_.]+");

    public DriverSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retries, "retries");
        timeout.ifPresent(t -> {
            if (t.isZero() || t.isNegative()) {
                throw new IllegalArgumentException("timeout must be greater than zero");
            }
        });
        if (retries.isPresent() && (retries.getAsInt() < 0 || retries.getAsInt() > 10)) {
            throw new IllegalArgumentException("retries must be 0-10, got " + retries.getAsInt());
        }
        for (String key : options.keySet()) {
            if (!isValidOptionKey(key)) {
                throw new IllegalArgumentException("invalid option key '" + key
                        + "': use protocol.name in lowercase, e.g. snmp.version");
            }
        }
        options = Map.copyOf(options);
    }

    public static boolean isValidOptionKey(String key) {
        return key != null && OPTION_KEY.matcher(key).matches();
    }
}
