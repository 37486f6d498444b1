package org.dcsuite.simulator.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.dcsuite.simulator.state.DeviceControls;
import org.dcsuite.simulator.state.PduState;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.dcsuite.simulator.state.UpsState;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device's SNMP agent on its own UDP port: SNMPv1/v2c with a read and a write community, SNMPv3 USM
 * with one user and the agent's own engine id. The MIB is computed from the device's state for every request; wire
 * faults come from {@link ProtocolFaults} per datagram. With {@link Builder#notifications} it also sends the
 * device's traps or informs for the conditions {@link #report} is given. Start one with {@link #pdu} or {@link #ups}:
 *
 * <pre>{@code
 * SimSnmpAgent agent = SimSnmpAgent.pdu("r01-pdu-a", model::pdu, controls)
 *         .readCommunity(Secret.of("public-sim")).writeCommunity(Secret.of("private-sim"))
 *         .user(SimSnmpUser.authPriv("dcsuite", "SHA", authSecret, "AES", privSecret))
 *         .faults(faults)
 *         .start();                       // 127.0.0.1, a free port: agent.port()
 * }</pre>
 */
public final class SimSnmpAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimSnmpAgent.class);

    /** snmpEngineID (SNMP-FRAMEWORK-MIB, RFC 3411). */
    static final OID SNMP_ENGINE_ID = new OID("1.3.6.1.6.3.10.2.1.1");
    /** snmpEngineBoots. */
    static final OID SNMP_ENGINE_BOOTS = new OID("1.3.6.1.6.3.10.2.1.2");
    /** snmpEngineTime (seconds since the last boot). */
    static final OID SNMP_ENGINE_TIME = new OID("1.3.6.1.6.3.10.2.1.3");
    /** snmpEngineMaxMessageSize. */
    static final OID SNMP_ENGINE_MAX_MESSAGE_SIZE = new OID("1.3.6.1.6.3.10.2.1.4");

    /** The engine boots the agent reports; a simulated device boots once per start. */
    static final int ENGINE_BOOTS = 1;

    private static final long TIME_TICKS_MODULUS = 1L << 32;

    private final String deviceId;
    private final SimSnmpDevice device;
    private final DefaultUdpTransportMapping transport;
    private final ScheduledExecutorService delayer;
    private final byte[] engineId;
    private final int port;
    private final Optional<SimSnmpNotifier> notifier;

    private SimSnmpAgent(String deviceId, SimSnmpDevice device, DefaultUdpTransportMapping transport,
            ScheduledExecutorService delayer, byte[] engineId, int port, Optional<SimSnmpNotifier> notifier) {
        this.deviceId = deviceId;
        this.device = device;
        this.transport = transport;
        this.delayer = delayer;
        this.engineId = engineId;
        this.port = port;
        this.notifier = notifier;
    }

    /** A PDU serving Raritan PDU2-MIB and ENTITY-SENSOR-MIB; outlet SETs go to {@code controls}. */
    public static Builder pdu(String deviceId, Supplier<PduState> state, DeviceControls controls) {
        return new Builder(deviceId, new SimSnmpPduMib(state, controls));
    }

    /** A UPS serving UPS-MIB (RFC 1628). */
    public static Builder ups(String deviceId, Supplier<UpsState> state) {
        return new Builder(deviceId, new SimSnmpUpsMib(state));
    }

    public String deviceId() {
        return deviceId;
    }

    /** The UDP port the agent listens on (the one chosen when the builder asked for port 0). */
    public int port() {
        return port;
    }

    /** The agent's snmpEngineID in hex, as net-snmp's {@code -e} and trap receivers take it. */
    public String engineId() {
        return HexFormat.of().formatHex(engineId);
    }

    /**
     * Sends the notification the device's MIB defines for a condition that started or ended (UPS-MIB
     * {@code upsTrapOnBattery}, {@code upsTrapAlarmEntryAdded/Removed}; PDU2-MIB
     * {@code overCurrentProtectorSensorStateChange}) to every destination, without waiting. Conditions of other
     * devices, and conditions the MIB has no notification for, are ignored; so is everything without
     * {@link Builder#notifications}.
     */
    public void report(SimConditionChange change) {
        if (notifier.isEmpty() || !change.deviceId().equals(deviceId)) {
            return;
        }
        device.notification(change).ifPresent(notifier.get()::send);
    }

    /** Notifications sent so far (traps and informs), for tests and the demo console. */
    public long notificationsSent() {
        return notifier.map(SimSnmpNotifier::sent).orElse(0L);
    }

    /** INFORMs a manager answered so far. */
    public long informsAcknowledged() {
        return notifier.map(SimSnmpNotifier::acknowledged).orElse(0L);
    }

    /** INFORMs given up unanswered after every retransmission so far. */
    public long informsUnacknowledged() {
        return notifier.map(SimSnmpNotifier::unacknowledged).orElse(0L);
    }

    /** Stops listening and sending; never throws. */
    @Override
    public void close() {
        notifier.ifPresent(SimSnmpNotifier::close);
        delayer.shutdownNow();
        try {
            transport.close();
        } catch (IOException e) {
            // A UDP socket that failed to close has nothing left to release.
        }
        LOG.info("device '{}': SNMP agent on port {} stopped", deviceId, port);
    }

    /** Configures and starts an agent; at least one community or a user is required. */
    public static final class Builder {

        private final String deviceId;
        private final SimSnmpDevice device;
        private Optional<Secret> readCommunity = Optional.empty();
        private Optional<Secret> writeCommunity = Optional.empty();
        private Optional<SimSnmpUser> user = Optional.empty();
        private ProtocolFaults faults = ProtocolFaults.NONE;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private Clock clock = Clock.systemUTC();
        private Optional<byte[]> engineId = Optional.empty();
        private Optional<SimTrapDestinations> notifications = Optional.empty();

        private Builder(String deviceId, SimSnmpDevice device) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            this.device = device;
        }

        /** The SNMPv1/v2c community allowed to read. */
        public Builder readCommunity(Secret community) {
            this.readCommunity = Optional.of(community);
            return this;
        }

        /** The SNMPv1/v2c community allowed to read and SET. */
        public Builder writeCommunity(Secret community) {
            this.writeCommunity = Optional.of(community);
            return this;
        }

        /** The SNMPv3 user; it may read and SET. */
        public Builder user(SimSnmpUser user) {
            this.user = Optional.of(user);
            return this;
        }

        /** Wire faults, looked up by this agent's device id on every datagram (default {@link ProtocolFaults#NONE}). */
        public Builder faults(ProtocolFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Where to listen (default 127.0.0.1 and port 0, a free port). */
        public Builder listen(InetAddress address, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("device '" + deviceId + "': port " + port + " out of range 0-65535");
            }
            this.address = Objects.requireNonNull(address, "address");
            this.port = port;
            return this;
        }

        /** The time source of sysUpTime (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where {@link SimSnmpAgent#report} sends notifications, read for each one; default none, and the agent
         * then opens no notification socket. Sent as SNMPv2c with the read community when there is one, else as
         * SNMPv3 with the user.
         */
        public Builder notifications(SimTrapDestinations destinations) {
            this.notifications = Optional.of(Objects.requireNonNull(destinations, "destinations"));
            return this;
        }

        /**
         * The snmpEngineID (5-32 octets). The default is derived from the device id, so a device keeps its engine
         * id across restarts as real agents do.
         */
        public Builder engineId(byte[] engineId) {
            if (engineId.length < 5 || engineId.length > 32) {
                throw new IllegalArgumentException("device '" + deviceId + "': an engine id has 5-32 octets");
            }
            this.engineId = Optional.of(engineId.clone());
            return this;
        }

        /**
         * Binds the port and starts answering.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public SimSnmpAgent start() {
            if (readCommunity.isEmpty() && writeCommunity.isEmpty() && user.isEmpty()) {
                throw new IllegalStateException("device '" + deviceId + "': an SNMP agent needs a community or a user");
            }
            SimSnmpSecurity.register();
            byte[] engine = engineId.orElseGet(() -> defaultEngineId(deviceId));
            DefaultUdpTransportMapping transport;
            try {
                transport = new DefaultUdpTransportMapping(new UdpAddress(address, port), true);
            } catch (IOException e) {
                throw new UncheckedIOException("device '" + deviceId + "': cannot bind SNMP agent to " + address
                        + ":" + port, e);
            }
            Instant started = clock.instant();
            Supplier<TimeTicks> upTime = () -> new TimeTicks(
                    (Duration.between(started, clock.instant()).toMillis() / 10) % TIME_TICKS_MODULUS);
            Supplier<SimSnmpMib> mib = () -> {
                SimSnmpMib.Builder b = SimSnmpMib.builder();
                device.addTo(b);
                Duration up = Duration.between(started, clock.instant());
                b.scalar(SimSnmpSystemGroup.SYS_UP_TIME, upTime.get())
                        .scalar(SNMP_ENGINE_ID, new OctetString(engine))
                        .scalar(SNMP_ENGINE_BOOTS, new Integer32(ENGINE_BOOTS))
                        .scalar(SNMP_ENGINE_TIME, new Integer32((int) Math.min(Integer.MAX_VALUE, up.toSeconds())))
                        .scalar(SNMP_ENGINE_MAX_MESSAGE_SIZE, new Integer32(transport.getMaxInboundMessageSize()));
                return b.build();
            };
            MessageDispatcherImpl normal = dispatcher(transport, engine, user);
            normal.addCommandResponder(new SimSnmpResponder(deviceId, mib, readCommunity, writeCommunity, user));
            // Without a responder, v1/v2c requests get no answer (a wrong community); without users, USM reports
            // unknownUserName to every v3 request.
            MessageDispatcherImpl rejecting = dispatcher(transport, engine, Optional.empty());
            ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sim-snmp-latency-" + deviceId);
                t.setDaemon(true);
                return t;
            });
            transport.addTransportListener(new SimSnmpFaultRouter(deviceId, faults, normal, rejecting, delayer));
            try {
                transport.listen();
            } catch (IOException e) {
                delayer.shutdownNow();
                throw new UncheckedIOException("device '" + deviceId + "': cannot start SNMP agent", e);
            }
            int bound = transport.getListenAddress().getPort();
            LOG.info("device '{}': SNMP agent on {}:{} (v1/v2c: {}, v3: {})", deviceId, address.getHostAddress(),
                    bound, readCommunity.isPresent() || writeCommunity.isPresent() ? "yes" : "no",
                    user.isPresent() ? "yes" : "no");
            Optional<SimSnmpNotifier> notifier;
            try {
                notifier = notifications.map(d -> new SimSnmpNotifier(deviceId, address, d,
                        readCommunity.or(() -> writeCommunity), user, engine, upTime));
            } catch (RuntimeException e) {
                delayer.shutdownNow();
                try {
                    transport.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return new SimSnmpAgent(deviceId, device, transport, delayer, engine, bound, notifier);
        }

        private static MessageDispatcherImpl dispatcher(DefaultUdpTransportMapping transport, byte[] engine,
                Optional<SimSnmpUser> user) {
            MessageDispatcherImpl d = new MessageDispatcherImpl();
            d.addMessageProcessingModel(new MPv1());
            d.addMessageProcessingModel(new MPv2c());
            USM usm = new USM(SecurityProtocols.getInstance(), new OctetString(engine), ENGINE_BOOTS);
            user.ifPresent(u -> usm.addUser(new OctetString(u.name()), usm.getLocalEngineID(), usmUser(u)));
            d.addMessageProcessingModel(new MPv3(usm));
            d.addTransportMapping(transport);
            return d;
        }

        static UsmUser usmUser(SimSnmpUser u) {
            return new UsmUser(new OctetString(u.name()),
                    u.authProtocol().flatMap(SimSnmpSecurity::auth).orElse(null),
                    u.authPassphrase().map(s -> new OctetString(s.reveal())).orElse(null),
                    u.privProtocol().flatMap(SimSnmpSecurity::priv).orElse(null),
                    u.privPassphrase().map(s -> new OctetString(s.reveal())).orElse(null));
        }

        /** An RFC 3411 engine id in SNMP4J's enterprise with 12 octets of the device id's SHA-256. */
        private static byte[] defaultEngineId(String deviceId) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(deviceId.getBytes(StandardCharsets.UTF_8));
                return MPv3.createLocalEngineID(new OctetString(Arrays.copyOf(hash, 12)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }
    }
}
