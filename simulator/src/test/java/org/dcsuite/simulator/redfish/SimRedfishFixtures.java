package org.dcsuite.simulator.redfish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.ServerState;

/** Shared pieces of the Redfish front end's tests: a server state, recording controls, settable faults. */
final class SimRedfishFixtures {

    static final String SERVER = "r01-srv-01";
    static final String USER = "admin";
    static final String PASSWORD = "bmc-Pa55word";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    private SimRedfishFixtures() {
    }

    /** A 2-PSU, 3-fan server with distinct, non-round values so a swapped field shows. */
    static ServerState server() {
        return new ServerState(SERVER, "web-01", ServerState.PowerState.ON, 412.5, 23.25, 61.5,
                List.of(new ServerState.Psu("PSU1", Feed.A, true, 214.0, 195.5, 229.8),
                        new ServerState.Psu("PSU2", Feed.B, false, 0.0, 0.0, 0.0)),
                List.of(new ServerState.Fan("Fan1", 5120), new ServerState.Fan("Fan2", 5080),
                        new ServerState.Fan("Fan3", 4990)),
                ServerState.Health.WARNING);
    }

    /** Controls that record resets instead of acting them out. */
    static final class RecordingControls implements DeviceControls {
        final List<String> resets = new CopyOnWriteArrayList<>();

        @Override
        public void setCoolingSetpoint(String coolingId, double celsius) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setOutlet(String pduId, int outlet, boolean on) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resetServer(String serverId, ResetType type) {
            resets.add(serverId + " " + type);
        }
    }

    /** Faults set by the test, per device. */
    static final class SettableFaults implements ProtocolFaults {
        private final Map<String, Active> active = new ConcurrentHashMap<>();

        @Override
        public Active current(String deviceId) {
            return active.getOrDefault(deviceId, Active.NONE);
        }

        void set(String deviceId, Active fault) {
            active.put(deviceId, fault);
        }

        void clear(String deviceId) {
            active.remove(deviceId);
        }
    }

    static final ProtocolFaults.Active DOWN = new ProtocolFaults.Active(true, Duration.ZERO, false, false);
    static final ProtocolFaults.Active GARBAGE = new ProtocolFaults.Active(false, Duration.ZERO, true, false);
    static final ProtocolFaults.Active AUTH_FAILURE = new ProtocolFaults.Active(false, Duration.ZERO, false, true);

    static Credentials credentials(String user, String password) {
        return new Credentials(Optional.empty(), Optional.of(Secret.of(user)), Optional.of(Secret.of(password)),
                Optional.empty(), Optional.empty());
    }

    static DeviceTarget target(SimRedfishServer bmc, Map<String, String> options) {
        return target(bmc, options, credentials(USER, PASSWORD), Duration.ofSeconds(3));
    }

    static DeviceTarget target(SimRedfishServer bmc, Map<String, String> options, Credentials credentials,
            Duration timeout) {
        return new DeviceTarget(bmc.serverId(), Endpoint.parse(bmc.endpoint()), Optional.empty(), credentials,
                timeout, 0, options, CLOCK);
    }

    /** The one reading of a metric with this hw.id (and hw.state, for hw.status). */
    static double value(PollResult r, String metric, String id, String... state) {
        List<Reading> found = r.readings().stream()
                .filter(x -> x.metric().equals(metric) && id.equals(x.attributes().get("hw.id")))
                .filter(x -> state.length == 0 || state[0].equals(x.attributes().get("hw.state")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + metric + " " + id + " " + List.of(state) + ", got " + found
                    + "\nall readings: " + r.readings().stream().map(x -> x.metric() + " "
                            + x.attributes().get("hw.id")).toList());
        }
        return found.getFirst().value();
    }
}
