package org.dcsuite.simulator.snmp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.Reading;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.Feed;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.UpsState;

/** Fixed device states, recording controls, switchable faults and driver targets for the SNMP front-end tests. */
final class SimSnmpFixtures {

    static final String READ_COMMUNITY = "sim-read-c0mm";
    static final String WRITE_COMMUNITY = "sim-write-c0mm";
    static final String USER = "simuser";
    static final String AUTH_PASS = "sim-auth-passphrase";
    static final String PRIV_PASS = "sim-priv-passphrase";

    private SimSnmpFixtures() {
    }

    /**
     * Three phases with L3's breaker tripped, an outlet per phase (the third off), a temperature and a humidity
     * sensor; values chosen so that every MIB scaling rounds.
     */
    static PduState pdu() {
        return new PduState("pdu-1", "r01-pdu-a", Feed.A, 1342.6, 5_432_123.0,
                List.of(new PduState.Phase("L1", 230.4, 4.3217, 812.3, 16, false),
                        new PduState.Phase("L2", 231.6, 2.6504, 530.3, 16, false),
                        new PduState.Phase("L3", 229.5, 0, 0, 20, true)),
                List.of(new PduState.Outlet(1, "srv-1 psu1", "L1", true, 812.3, 4.3217, 3_600_000.0 * 1.7),
                        new PduState.Outlet(2, "srv-2 psu1", "L2", true, 530.3, 2.6504, 987_654.0),
                        new PduState.Outlet(3, "spare", "L3", false, 0, 0, 0)),
                List.of(new PduState.Sensor("t1", "Inlet temperature", PduState.SensorKind.TEMPERATURE, 24.37),
                        new PduState.Sensor("h1", "Inlet humidity", PduState.SensorKind.HUMIDITY, 41.24)));
    }

    static UpsState ups(boolean onBattery) {
        return new UpsState("ups-1", "ups-1", onBattery, onBattery ? 0 : 231.4, onBattery ? 0 : 49.97, 230.2,
                50.02, 17.46, 3912.4, 38.6, 87.4, 1_234.0, 27.6, 205.9);
    }

    /** Controls that apply outlet switching to a PDU state held here and record every call. */
    static final class Controls implements DeviceControls {

        final AtomicReference<PduState> state;
        final List<String> calls = new CopyOnWriteArrayList<>();

        Controls(PduState initial) {
            state = new AtomicReference<>(initial);
        }

        @Override
        public void setCoolingSetpoint(String coolingId, double celsius) {
            throw new IllegalArgumentException("unknown unit " + coolingId);
        }

        @Override
        public void setOutlet(String pduId, int outlet, boolean on) {
            calls.add(pduId + "/" + outlet + "=" + (on ? "on" : "off"));
            state.updateAndGet(s -> {
                if (!s.id().equals(pduId) || s.outlets().stream().noneMatch(o -> o.number() == outlet)) {
                    throw new IllegalArgumentException("unknown outlet " + pduId + "/" + outlet);
                }
                List<PduState.Outlet> outlets = new ArrayList<>();
                for (PduState.Outlet o : s.outlets()) {
                    outlets.add(o.number() != outlet ? o : new PduState.Outlet(o.number(), o.name(), o.phase(), on,
                            on ? o.powerW() : 0, on ? o.currentA() : 0, o.energyJ()));
                }
                return new PduState(s.id(), s.name(), s.feed(), s.powerW(), s.energyJ(), s.phases(), outlets,
                        s.sensors());
            });
        }

        @Override
        public void resetServer(String serverId, ResetType type) {
            throw new IllegalArgumentException("unknown server " + serverId);
        }
    }

    /** Faults a test switches on and off. */
    static final class Faults implements ProtocolFaults {

        final AtomicReference<Active> active = new AtomicReference<>(Active.NONE);

        @Override
        public Active current(String deviceId) {
            return active.get();
        }

        void set(boolean down, Duration latency, boolean garbage, boolean authFailure) {
            active.set(new Active(down, latency, garbage, authFailure));
        }

        void clear() {
            active.set(Active.NONE);
        }
    }

    static SimSnmpAgent.Builder withCredentials(SimSnmpAgent.Builder b) {
        return b.readCommunity(Secret.of(READ_COMMUNITY)).writeCommunity(Secret.of(WRITE_COMMUNITY))
                .user(SimSnmpUser.authPriv(USER, "SHA", Secret.of(AUTH_PASS), "AES", Secret.of(PRIV_PASS)));
    }

    static Credentials community(String community) {
        return new Credentials(Optional.of(Secret.of(community)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static Credentials user(String user, String auth, String priv) {
        return new Credentials(Optional.empty(), Optional.of(Secret.of(user)), Optional.empty(),
                Optional.of(Secret.of(auth)), Optional.of(Secret.of(priv)));
    }

    static DeviceTarget target(int port, String profile, Credentials credentials, Map<String, String> options) {
        return target(port, profile, credentials, options, Duration.ofSeconds(2), 0);
    }

    static DeviceTarget target(int port, String profile, Credentials credentials, Map<String, String> options,
            Duration timeout, int retries) {
        return new DeviceTarget("pdu-under-test", Endpoint.parse("snmp://127.0.0.1:" + port),
                Optional.ofNullable(profile), credentials, timeout, retries, options, Clock.systemUTC());
    }

    /** The single reading of a metric whose attributes include the given name/value pairs. */
    static Reading one(List<Reading> readings, String metric, String... attributes) {
        List<Reading> found = readings.stream().filter(r -> r.metric().equals(metric)).filter(r -> {
            for (int i = 0; i < attributes.length; i += 2) {
                if (!attributes[i + 1].equals(r.attributes().get(attributes[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + metric + " " + List.of(attributes) + ", found " + found);
        }
        return found.get(0);
    }

    /** A value as a PDU2-MIB sensor carries it with {@code digits} decimals, read back. */
    static double decimals(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }
}
