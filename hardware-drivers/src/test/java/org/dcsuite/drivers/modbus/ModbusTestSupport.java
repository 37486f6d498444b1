package org.dcsuite.drivers.modbus;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;

/** Targets, ports and reading look-ups shared by the Modbus tests. */
final class ModbusTestSupport {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    private ModbusTestSupport() {
    }

    static DeviceTarget target(int port, String profile, Duration timeout, int retries, Map<String, String> options) {
        return new DeviceTarget("dev-1", Endpoint.parse("modbus://127.0.0.1:" + port + "?unit=1"),
                Optional.ofNullable(profile), Credentials.NONE, timeout, retries, options, CLOCK);
    }

    static DeviceTarget target(int port, String profile) {
        return target(port, profile, Duration.ofSeconds(2), 1, Map.of());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the only reading with this metric whose attributes include all of {@code attributes}. */
    static double value(PollResult result, String metric, Map<String, String> attributes) {
        var matches = result.readings().stream().filter(r -> r.metric().equals(metric))
                .filter(r -> r.attributes().entrySet().containsAll(attributes.entrySet())).toList();
        if (matches.size() != 1) {
            throw new AssertionError(matches.size() + " readings match " + metric + " " + attributes + " in "
                    + result.readings().stream().map(Reading::toString).toList() + " errors " + result.errors());
        }
        return matches.get(0).value();
    }
}
