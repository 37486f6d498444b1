package org.dcsuite.simulator.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.core.time.Durations;
import org.dcsuite.core.time.Timestamps;
import org.dcsuite.simulator.state.Feed;

/**
 * One fault to inject, as typed: which device (or site, for {@link SimFaultType#FEED_LOST}), which fault, and its
 * options. Times and durations are on the simulation clock, so at {@code --speed 60} a fault "for 5m" lasts five
 * real seconds.
 *
 * @param target   a device id, or a site id for feed loss
 * @param type     the fault
 * @param start    when it begins; empty: now
 * @param duration how long it lasts; empty: until cleared (a counter reset is instantaneous and takes none)
 * @param latency  the answer delay of a {@code slow} device
 * @param phase    {@code L1}..{@code L3} for a tripped breaker or an overload; empty: all phases
 * @param feed     the lost feed
 */
public record SimFaultRequest(String target, SimFaultType type, Optional<Instant> start, Optional<Duration> duration,
        Optional<Duration> latency, Optional<String> phase, Optional<Feed> feed) {

    /** The request fields, as the API's JSON body names them. */
    public static final Set<String> FIELDS = Set.of("device", "fault", "for", "start", "latency", "phase", "feed");

    public SimFaultRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(feed, "feed");
    }

    /** A fault from now until cleared, without options. */
    public static SimFaultRequest of(String target, SimFaultType type) {
        return new SimFaultRequest(target, type, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * Reads the API's fields: {@code device} and {@code fault} are required, {@code start} is RFC 3339, unix seconds
     * or {@code now+1m} on {@code clock} (the simulation clock), {@code for} and {@code latency} are durations such as
     * {@code 5m} or {@code 500ms}. Whether the options fit the fault is checked by the injector.
     *
     * @throws SimFaultInputException naming the first field that is missing, unknown or malformed
     */
    public static SimFaultRequest parse(Map<String, String> fields, Clock clock) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new SimFaultInputException(name, "unknown field; use " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)));
            }
        }
        String device = required(fields, "device");
        String faultName = required(fields, "fault");
        SimFaultType type = SimFaultType.byName(faultName).orElseThrow(() -> new SimFaultInputException("fault",
                "unknown fault '" + faultName + "'; use one of " + String.join(", ", SimFaultType.names())));
        Optional<Instant> start = optional(fields, "start").map(s -> {
            try {
                return Timestamps.parse(s, clock);
            } catch (IllegalArgumentException e) {
                throw new SimFaultInputException("start", e.getMessage());
            }
        });
        Optional<Duration> duration = optional(fields, "for").map(s -> duration("for", s));
        Optional<Duration> latency = optional(fields, "latency").map(s -> duration("latency", s));
        Optional<String> phase = optional(fields, "phase").map(s -> s.toUpperCase(Locale.ROOT));
        Optional<Feed> feed = optional(fields, "feed").map(s -> switch (s.toUpperCase(Locale.ROOT)) {
            case "A" -> Feed.A;
            case "B" -> Feed.B;
            default -> throw new SimFaultInputException("feed", "'" + s + "' is not a feed; use A or B");
        });
        return new SimFaultRequest(device, type, start, duration, latency, phase, feed);
    }

    private static String required(Map<String, String> fields, String name) {
        return optional(fields, name).orElseThrow(() -> new SimFaultInputException(name, "required"));
    }

    private static Optional<String> optional(Map<String, String> fields, String name) {
        return Optional.ofNullable(fields.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Duration duration(String field, String text) {
        try {
            return Durations.parsePositive(text);
        } catch (IllegalArgumentException e) {
            throw new SimFaultInputException(field, e.getMessage());
        }
    }
}
