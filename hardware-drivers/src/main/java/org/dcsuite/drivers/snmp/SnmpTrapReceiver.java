package org.dcsuite.drivers.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.event.DeviceEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.MutablePDU;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.MutableStateReference;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP traps and informs (v1, v2c, v3 USM) on a UDP port and hands each one to a consumer as a
 * {@link DeviceEvent}. Communities are checked here (SNMP4J accepts any), v3 traps are authenticated against the
 * configured sender engine ids, informs are answered. Every datagram that is not delivered is counted by
 * {@link Drop reason}; nothing a sender does, nor a failing consumer, stops the receiver. It runs on SNMP4J's
 * transport thread, so the consumer should only hand the event on. Configured with {@link #builder()}.
 */
public final class SnmpTrapReceiver implements AutoCloseable {

    /** Why a datagram was not delivered; {@link #label()} is the name for metrics and logs. */
    public enum Drop {
        /** Not decodable as SNMP: broken BER, unknown version, a notification without snmpTrapOID.0. */
        MALFORMED,
        /** An SNMPv1/v2c community that is not configured. */
        UNKNOWN_COMMUNITY,
        /** An SNMPv3 user not configured for the message's authoritative engine id. */
        UNKNOWN_USER,
        /** An SNMPv3 message whose digest does not match: wrong authentication passphrase or protocol. */
        WRONG_DIGEST,
        /** An SNMPv3 message that could not be decrypted: wrong privacy passphrase or protocol. */
        DECRYPTION_ERROR,
        /** An SNMPv3 message outside the 150 s time window of its engine (replayed, or the sender's clock). */
        NOT_IN_TIME_WINDOW,
        /** An SNMPv3 security level the user is not configured for. */
        UNSUPPORTED_SECURITY_LEVEL,
        /** A GET, SET or other request: this port only takes notifications. */
        NOT_A_NOTIFICATION,
        /** Any other SNMPv3 processing error reported by SNMP4J. */
        OTHER;

        /** Lower case with underscores, e.g. {@code unknown_community}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The standard trap port; binding it needs privileges on most systems, so tests and labs pass another. */
    public static final int DEFAULT_PORT = 162;
    /** Each reason is logged at most this often; the counters keep the full count. */
    static final long LOG_INTERVAL_MILLIS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(SnmpTrapReceiver.class);
    private static final OID SYS_UP_TIME = SnmpConstants.sysUpTime;
    private static final OID TRAP_OID = SnmpConstants.snmpTrapOID;
    /** RFC 3584 snmpTrapAddress.0, snmpTrapCommunity.0 and snmpTrapEnterprise.0. */
    private static final OID TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");
    private static final OID TRAP_COMMUNITY = new OID("1.3.6.1.6.3.18.1.4.0");
    private static final OID TRAP_ENTERPRISE = new OID("1.3.6.1.6.3.1.1.4.3.0");
    /** RFC 3584 3.1: generic trap n of SNMPv1 is snmpTraps.(n + 1). */
    private static final OID SNMP_TRAPS = new OID("1.3.6.1.6.3.1.1.5");
    private static final int ENTERPRISE_SPECIFIC = 6;

    /** Names for the notifications of SNMPv2-MIB and UPS-MIB, the ones the devices we poll send. */
    static final Map<String, String> NAMES = Map.of(
            "1.3.6.1.6.3.1.1.5.1", "coldStart",
            "1.3.6.1.6.3.1.1.5.2", "warmStart",
            "1.3.6.1.6.3.1.1.5.3", "linkDown",
            "1.3.6.1.6.3.1.1.5.4", "linkUp",
            "1.3.6.1.6.3.1.1.5.5", "authenticationFailure",
            "1.3.6.1.2.1.33.2.1", "upsTrapOnBattery",
            "1.3.6.1.2.1.33.2.2", "upsTrapTestCompleted",
            "1.3.6.1.2.1.33.2.3", "upsTrapAlarmEntryAdded",
            "1.3.6.1.2.1.33.2.4", "upsTrapAlarmEntryRemoved",
            "1.3.6.1.4.1.13742.6.0.65", "overCurrentProtectorSensorStateChange");
    /** SNMP has no severity; these notification types imply one. */
    private static final Map<String, String> SEVERITIES = Map.of(
            "upsTrapOnBattery", "Warning",
            "authenticationFailure", "Warning");

    /**
     * PDU2-MIB's measurementsOverCurrentProtectorSensorState column: a Raritan breaker trap carries the new state,
     * which grades it (sensorStateEnumeration: 4 normal, 5 aboveUpperWarning, 6 aboveUpperCritical, ...).
     */
    private static final String RARITAN_BREAKER_STATE = "1.3.6.1.4.1.13742.6.5.3.3.1.3.";
    private static final Map<String, String> RARITAN_STATE_SEVERITIES = Map.of(
            "2", "Critical", "3", "Warning", "4", "OK", "5", "Warning", "6", "Critical");

    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final OctetString localEngineId;
    private final List<Secret> communities;
    /** The security level each v3 user is configured for; messages below it are dropped. */
    private final Map<String, Integer> userLevels;
    private final Map<InetAddress, String> devices;
    private final Consumer<DeviceEvent> consumer;
    private final Clock clock;
    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    private final Map<Drop, AtomicLong> lastLogged = new EnumMap<>(Drop.class);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder consumerFailures = new LongAdder();
    private final AtomicLong consumerFailureLogged = new AtomicLong(Long.MIN_VALUE);

    private SnmpTrapReceiver(Builder b, Consumer<DeviceEvent> consumer) throws IOException {
        for (Drop d : Drop.values()) {
            drops.put(d, new LongAdder());
            lastLogged.put(d, new AtomicLong(Long.MIN_VALUE));
        }
        this.communities = List.copyOf(b.communities);
        this.devices = Map.copyOf(b.devices);
        Map<String, Integer> levels = new LinkedHashMap<>();
        b.users.forEach(u -> levels.put(u.name(), u.securityLevel()));
        this.userLevels = Map.copyOf(levels);
        this.consumer = consumer;
        this.clock = b.clock;
        this.localEngineId = new OctetString(b.localEngineId);
        SnmpSecurity.register();
        // USM and MPv3 report to a counter support of their own, not SNMP4J's JVM-wide one, which other SNMP4J
        // users may listen to; this receiver takes its v3 drop reasons from MPv3's results instead.
        CounterSupport counters = new CounterSupport();
        USM usm = new USM(SecurityProtocols.getInstance(), localEngineId, 0, counters);
        for (Builder.User u : b.users) {
            UsmUser user = u.usmUser();
            // Traps are authenticated with the sender's engine id and informs with ours; adding the user per
            // engine id (never engine-less) keeps SNMP4J from localising it for any engine that claims the name.
            usm.addUser(user.getSecurityName(), localEngineId, user);
            for (byte[] engineId : b.senderEngineIds) {
                usm.addUser(user.getSecurityName(), new OctetString(engineId), user);
            }
        }
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addCounterListener(this::count);
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new SnmpCountingMPv3(usm, counters));
        transport = new DefaultUdpTransportMapping(new UdpAddress(b.address, b.port), false);
        snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new Responder());
        try {
            snmp.listen();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** A receiver configuration; every problem is reported at once by {@link Builder#start}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The UDP port this receiver is bound to (the chosen one when the builder asked for port 0). */
    public int port() {
        return transport.getListenAddress().getPort();
    }

    /** This receiver's SNMPv3 engine id in hex: senders of v3 informs address it (net-snmp discovers it). */
    public String engineId() {
        return localEngineId.toHexString().replace(":", "");
    }

    /** Datagrams dropped for this reason so far. */
    public long dropped(Drop reason) {
        return drops.get(reason).sum();
    }

    /** Every reason with its count so far, zeros included. */
    public Map<Drop, Long> dropped() {
        Map<Drop, Long> out = new EnumMap<>(Drop.class);
        drops.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }

    /** Events the consumer accepted without throwing. */
    public long delivered() {
        return delivered.sum();
    }

    /** Events the consumer threw on; the receiver carried on with the next one. */
    public long consumerFailures() {
        return consumerFailures.sum();
    }

    /** Stops listening; never throws. */
    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // Closing a UDP socket that is already gone leaves nothing to release.
        }
    }

    /** Datagrams the dispatcher cannot even hand to a message processing model. */
    private void count(CounterEvent event) {
        OID oid = event.getOid();
        if (SnmpConstants.snmpInASNParseErrs.equals(oid) || SnmpConstants.snmpInBadVersions.equals(oid)
                || SnmpConstants.snmpInvalidMsgs.equals(oid)) {
            drop(Drop.MALFORMED, Optional.empty());
        }
    }

    private void drop(Drop reason, Optional<Address> from) {
        drops.get(reason).increment();
        long now = clock.millis();
        AtomicLong last = lastLogged.get(reason);
        long before = last.get();
        if ((before == Long.MIN_VALUE || now - before >= LOG_INTERVAL_MILLIS) && last.compareAndSet(before, now)) {
            // The sender's address helps find a misconfigured device; the community or user never appears.
            LOG.warn("SNMP trap receiver on port {}: dropped a datagram{}: {} ({} so far; this reason is logged "
                    + "at most once a minute)", port(), from.map(a -> " from " + a).orElse(""), reason.label(),
                    dropped(reason));
        }
    }

    /** The RFC 3584 snmpTrapOID of an SNMPv1 trap. */
    static OID trapOid(PDUv1 v1) {
        if (v1.getGenericTrap() != ENTERPRISE_SPECIFIC) {
            return new OID(SNMP_TRAPS).append(v1.getGenericTrap() + 1);
        }
        return new OID(v1.getEnterprise()).append(0).append(v1.getSpecificTrap());
    }

    /** The varbinds an SNMPv2 notification carries, SNMPv1 traps converted as RFC 3584 says. */
    static List<VariableBinding> notificationVarbinds(PDU pdu) {
        if (!(pdu instanceof PDUv1 v1) || pdu.getType() != PDU.V1TRAP) {
            return pdu.getVariableBindings().stream().map(vb -> (VariableBinding) vb).toList();
        }
        List<VariableBinding> out = new ArrayList<>();
        out.add(new VariableBinding(SYS_UP_TIME, new TimeTicks(v1.getTimestamp())));
        out.add(new VariableBinding(TRAP_OID, trapOid(v1)));
        out.addAll(v1.getVariableBindings());
        out.add(new VariableBinding(TRAP_ADDRESS, v1.getAgentAddress()));
        out.add(new VariableBinding(TRAP_ENTERPRISE, v1.getEnterprise()));
        return out;
    }

    /** Values as SNMP4J prints them, except TimeTicks as plain hundredths of a second. */
    static String text(Variable v) {
        return v instanceof TimeTicks t ? Long.toString(t.toLong()) : v.toString();
    }

    private Optional<DeviceEvent> event(CommandResponderEvent<?> e, String kind) {
        List<VariableBinding> varbinds = notificationVarbinds(e.getPDU());
        Optional<OID> trapOid = varbinds.stream().filter(vb -> TRAP_OID.equals(vb.getOid()))
                .map(VariableBinding::getVariable).filter(OID.class::isInstance).map(OID.class::cast).findFirst();
        if (trapOid.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (VariableBinding vb : varbinds) {
            // A proxy may forward the community it received; it is a secret like ours.
            if (!TRAP_COMMUNITY.equals(vb.getOid())) {
                details.put(vb.getOid().toDottedString(), text(vb.getVariable()));
            }
        }
        String dotted = trapOid.get().toDottedString();
        String name = NAMES.get(dotted);
        String type = name == null ? dotted : name;
        Address peer = e.getPeerAddress();
        InetAddress ip = peer instanceof UdpAddress u ? u.getInetAddress() : null;
        String source = peer instanceof UdpAddress u ? "snmp://" + hostPort(u) : "snmp://" + peer;
        Optional<String> deviceId = Optional.ofNullable(ip == null ? null : devices.get(ip));
        String message = kind + " " + (name == null ? dotted : name + " (" + dotted + ")") + " from "
                + deviceId.orElse(source.substring("snmp://".length()));
        return Optional.of(new DeviceEvent(deviceId, source, type, severity(type, details), message, details,
                clock.instant()));
    }

    private static Optional<String> severity(String type, Map<String, String> details) {
        if (type.equals("overCurrentProtectorSensorStateChange")) {
            return details.entrySet().stream().filter(d -> d.getKey().startsWith(RARITAN_BREAKER_STATE))
                    .map(d -> RARITAN_STATE_SEVERITIES.get(d.getValue())).filter(Objects::nonNull)
                    .findFirst();
        }
        return Optional.ofNullable(SEVERITIES.get(type));
    }

    private static String hostPort(UdpAddress a) {
        String host = a.getInetAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String kind(CommandResponderEvent<?> e) {
        String version = switch (e.getMessageProcessingModel()) {
            case MessageProcessingModel.MPv1 -> "SNMPv1";
            case MessageProcessingModel.MPv2c -> "SNMPv2c";
            default -> "SNMPv3";
        };
        return version + (e.getPDU().getType() == PDU.INFORM ? " inform" : " trap");
    }

    private boolean communityAccepted(byte[] presented) {
        String candidate = new String(presented, StandardCharsets.UTF_8);
        boolean accepted = false;
        for (Secret s : communities) {
            // Every configured community is compared, in constant time, so timing says nothing about them.
            accepted |= s.matches(candidate);
        }
        return accepted;
    }

    private void answer(CommandResponderEvent<?> e) {
        PDU response = e.getPDU() instanceof ScopedPDU ? new ScopedPDU() : new PDU();
        if (response instanceof ScopedPDU scoped && e.getPDU() instanceof ScopedPDU in) {
            scoped.setContextEngineID(in.getContextEngineID());
            scoped.setContextName(in.getContextName());
        }
        response.setType(PDU.RESPONSE);
        response.setRequestID(e.getPDU().getRequestID());
        response.addAll(e.getPDU().getVariableBindings());
        try {
            answerWith(e, response);
        } catch (MessageException ex) {
            LOG.warn("SNMP trap receiver on port {}: could not answer an inform from {}: {}", port(),
                    e.getPeerAddress(), ex.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void answerWith(CommandResponderEvent e, PDU response) throws MessageException {
        MessageDispatcher d = e.getMessageDispatcher();
        d.returnResponsePdu(e.getMessageProcessingModel(), e.getSecurityModel(), e.getSecurityName(),
                e.getSecurityLevel(), response, e.getMaxSizeResponsePDU(), e.getStateReference(),
                new StatusInformation());
    }

    /** Turns each accepted notification into an event; called on SNMP4J's transport thread. */
    private final class Responder implements CommandResponder {

        @Override
        public <A extends Address> void processPdu(CommandResponderEvent<A> e) {
            e.setProcessed(true);
            Optional<Address> from = Optional.ofNullable(e.getPeerAddress());
            int type = e.getPDU() == null ? -1 : e.getPDU().getType();
            if (type != PDU.TRAP && type != PDU.INFORM && type != PDU.V1TRAP) {
                drop(Drop.NOT_A_NOTIFICATION, from);
                return;
            }
            if (e.getSecurityModel() != SecurityModel.SECURITY_MODEL_USM
                    && !communityAccepted(e.getSecurityName())) {
                drop(Drop.UNKNOWN_COMMUNITY, from);
                return;
            }
            // USM lets a message through at a lower level than the user's (RFC 3414 allows it), so a
            // noAuthNoPriv trap naming a configured user would otherwise be accepted without any proof.
            if (e.getSecurityModel() == SecurityModel.SECURITY_MODEL_USM && e.getSecurityLevel()
                    < userLevels.getOrDefault(new String(e.getSecurityName(), StandardCharsets.UTF_8),
                            Integer.MAX_VALUE)) {
                drop(Drop.UNSUPPORTED_SECURITY_LEVEL, from);
                return;
            }
            Optional<DeviceEvent> event;
            try {
                event = event(e, kind(e));
            } catch (RuntimeException ex) {
                // An exception escaping here would end SNMP4J's listen thread, and with it the receiver.
                event = Optional.empty();
            }
            if (event.isEmpty()) {
                drop(Drop.MALFORMED, from);
                return;
            }
            // Answered before the consumer runs: the sender's retries must not depend on what it does.
            if (type == PDU.INFORM) {
                answer(e);
            }
            try {
                consumer.accept(event.get());
                delivered.increment();
            } catch (RuntimeException | AssertionError | LinkageError ex) {
                // Caught beyond RuntimeException: anything escaping would end SNMP4J's listen thread.
                consumerFailures.increment();
                long now = clock.millis();
                long before = consumerFailureLogged.get();
                if ((before == Long.MIN_VALUE || now - before >= LOG_INTERVAL_MILLIS)
                        && consumerFailureLogged.compareAndSet(before, now)) {
                    LOG.warn("SNMP trap receiver on port {}: the event consumer failed on {} ({} failures so far; "
                            + "logged at most once a minute)", port(), event.get().type(), consumerFailures(), ex);
                }
            }
        }
    }

    /**
     * MPv3 that counts why SNMP4J rejected a message: the USM outcome is only returned as a result code; SNMP4J
     * fires no counter event for unknown users and wrong digests, nor for some of its parse errors.
     */
    private final class SnmpCountingMPv3 extends MPv3 {

        SnmpCountingMPv3(USM usm, CounterSupport counters) {
            super(usm.getLocalEngineID().getValue(), null, SecurityProtocols.getInstance(),
                    SecurityModels.getCollection(new SecurityModel[] {usm}), counters);
        }

        @Override
        public <A extends Address> int prepareDataElements(MessageDispatcher dispatcher, A address,
                BERInputStream in, TransportStateReference tmState, Integer32 mpModel, Integer32 securityModel,
                OctetString securityName, Integer32 securityLevel, MutablePDU pdu, PduHandle handle,
                Integer32 maxSize, StatusInformation status, MutableStateReference<A> state) {
            int result = super.prepareDataElements(dispatcher, address, in, tmState, mpModel, securityModel,
                    securityName, securityLevel, pdu, handle, maxSize, status, state);
            reason(result).ifPresent(r -> drop(r, Optional.ofNullable(address)));
            return result;
        }
    }

    /**
     * The drop reason for an MPv3 result, empty when the message goes on. An unknown engine id is not a drop: it
     * is the discovery probe that starts every v3 inform exchange (SNMP4J answers it with a report), and a trap
     * from an engine id not configured fails as an unknown user instead.
     */
    static Optional<Drop> reason(int result) {
        return switch (result) {
            case SnmpConstants.SNMP_MP_OK, SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID -> Optional.empty();
            case SnmpConstants.SNMPv3_USM_UNKNOWN_SECURITY_NAME -> Optional.of(Drop.UNKNOWN_USER);
            case SnmpConstants.SNMPv3_USM_AUTHENTICATION_FAILURE, SnmpConstants.SNMPv3_USM_AUTHENTICATION_ERROR ->
                    Optional.of(Drop.WRONG_DIGEST);
            case SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR -> Optional.of(Drop.DECRYPTION_ERROR);
            case SnmpConstants.SNMPv3_USM_NOT_IN_TIME_WINDOW, SnmpConstants.SNMP_MP_NOT_IN_TIME_WINDOW ->
                    Optional.of(Drop.NOT_IN_TIME_WINDOW);
            case SnmpConstants.SNMPv3_USM_UNSUPPORTED_SECURITY_LEVEL -> Optional.of(Drop.UNSUPPORTED_SECURITY_LEVEL);
            case SnmpConstants.SNMP_MP_PARSE_ERROR, SnmpConstants.SNMP_MP_INVALID_MESSAGE,
                    SnmpConstants.SNMPv3_USM_PARSE_ERROR -> Optional.of(Drop.MALFORMED);
            default -> Optional.of(Drop.OTHER);
        };
    }

    /**
     * What a receiver accepts: communities, v3 users, the engine ids of v3 trap senders, and the device each
     * sender address belongs to. Checked all at once by {@link #start}.
     */
    public static final class Builder {

        /** RFC 3411 engine ids have 5 to 32 octets. */
        private static final int MIN_ENGINE_ID = 5;
        private static final int MAX_ENGINE_ID = 32;
        /** RFC 3414 and net-snmp refuse passphrases shorter than eight characters. */
        private static final int MIN_PASSPHRASE = 8;

        private record User(String name, String authProtocol, Secret authPassphrase, Optional<String> privProtocol,
                Optional<Secret> privPassphrase) {

            int securityLevel() {
                return privProtocol.isPresent() ? SecurityLevel.AUTH_PRIV : SecurityLevel.AUTH_NOPRIV;
            }

            UsmUser usmUser() {
                return new UsmUser(new OctetString(name), SnmpSecurity.auth(authProtocol).orElseThrow(),
                        new OctetString(authPassphrase.reveal()),
                        privProtocol.map(p -> SnmpSecurity.priv(p).orElseThrow()).orElse(null),
                        privPassphrase.map(p -> new OctetString(p.reveal())).orElse(null));
            }
        }

        private final List<String> problems = new ArrayList<>();
        private final List<Secret> communities = new ArrayList<>();
        private final List<User> users = new ArrayList<>();
        private final List<byte[]> senderEngineIds = new ArrayList<>();
        private final Map<InetAddress, String> devices = new LinkedHashMap<>();
        private InetAddress address;
        private int port = DEFAULT_PORT;
        private byte[] localEngineId;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            try {
                address = InetAddress.getByName("0.0.0.0");
            } catch (UnknownHostException e) {
                throw new IllegalStateException("the wildcard address cannot be unknown", e);
            }
        }

        /** Where to listen; default all IPv4 addresses, port {@link #DEFAULT_PORT}; port 0 picks a free one. */
        public Builder listen(InetAddress address, int port) {
            this.address = Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                problems.add("port " + port + " is not 0-65535");
            }
            this.port = port;
            return this;
        }

        /** An SNMPv1/v2c community accepted; traps with any other are dropped. */
        public Builder community(Secret community) {
            Objects.requireNonNull(community, "community");
            if (community.reveal().isEmpty()) {
                problems.add("a community must not be empty");
            }
            communities.add(community);
            return this;
        }

        /**
         * An SNMPv3 user with authentication and privacy (authPriv).
         *
         * @param authProtocol as in {@code snmp.auth_protocol}: MD5, SHA, SHA-224 ... SHA-512
         * @param privProtocol as in {@code snmp.priv_protocol}: DES, AES, AES-192, AES-256
         */
        public Builder user(String name, String authProtocol, Secret authPassphrase, String privProtocol,
                Secret privPassphrase) {
            return addUser(name, authProtocol, authPassphrase, Optional.of(privProtocol), Optional.of(privPassphrase));
        }

        /** An SNMPv3 user with authentication only (authNoPriv). */
        public Builder user(String name, String authProtocol, Secret authPassphrase) {
            return addUser(name, authProtocol, authPassphrase, Optional.empty(), Optional.empty());
        }

        private Builder addUser(String name, String authProtocol, Secret authPassphrase,
                Optional<String> privProtocol, Optional<Secret> privPassphrase) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(authProtocol, "authProtocol");
            Objects.requireNonNull(authPassphrase, "authPassphrase");
            privProtocol.ifPresent(p -> Objects.requireNonNull(p, "privProtocol"));
            privPassphrase.ifPresent(p -> Objects.requireNonNull(p, "privPassphrase"));
            String who = "SNMPv3 user '" + name + "'";
            if (name.isEmpty()) {
                problems.add("an SNMPv3 user name must not be empty");
            }
            if (users.stream().anyMatch(u -> u.name().equals(name))) {
                problems.add(who + " is configured twice");
            }
            if (SnmpSecurity.auth(authProtocol).isEmpty()) {
                problems.add(who + ": auth protocol '" + authProtocol + "' is not one of " + SnmpSecurity.AUTH.keySet());
            }
            if (privProtocol.isPresent() && SnmpSecurity.priv(privProtocol.get()).isEmpty()) {
                problems.add(who + ": priv protocol '" + privProtocol.get() + "' is not one of "
                        + SnmpSecurity.PRIV.keySet());
            }
            if (authPassphrase.reveal().length() < MIN_PASSPHRASE
                    || privPassphrase.map(p -> p.reveal().length() < MIN_PASSPHRASE).orElse(false)) {
                problems.add(who + ": passphrases must have at least " + MIN_PASSPHRASE + " characters");
            }
            users.add(new User(name, authProtocol, authPassphrase, privProtocol, privPassphrase));
            return this;
        }

        /**
         * The engine id of a device that sends SNMPv3 traps (its {@code snmpEngineID}, net-snmp's {@code -e}), in
         * hex with an optional {@code 0x} prefix and optional colons. Every user is accepted from every configured
         * engine id; informs need none (they use this receiver's engine id).
         */
        public Builder senderEngineId(String hex) {
            parseEngineId("sender engine id", hex).ifPresent(senderEngineIds::add);
            return this;
        }

        /**
         * This receiver's own engine id, for v3 informs; default {@link MPv3#createLocalEngineID()}. Fixing it
         * keeps senders that cached it working across restarts.
         */
        public Builder localEngineId(String hex) {
            parseEngineId("local engine id", hex).ifPresent(id -> localEngineId = id);
            return this;
        }

        private Optional<byte[]> parseEngineId(String what, String hex) {
            Objects.requireNonNull(hex, what);
            String digits = hex.strip().replaceFirst("^0[xX]", "").replace(":", "");
            try {
                byte[] id = HexFormat.of().parseHex(digits);
                if (id.length >= MIN_ENGINE_ID && id.length <= MAX_ENGINE_ID) {
                    return Optional.of(id);
                }
                problems.add(what + " '" + hex + "' has " + id.length + " octets, not " + MIN_ENGINE_ID + "-"
                        + MAX_ENGINE_ID);
            } catch (IllegalArgumentException e) {
                problems.add(what + " '" + hex + "' is not hexadecimal");
            }
            return Optional.empty();
        }

        /** Events from this sender address carry this device id; others carry none. */
        public Builder device(InetAddress sender, String deviceId) {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(deviceId, "deviceId");
            String before = devices.putIfAbsent(sender, deviceId);
            if (before != null && !before.equals(deviceId)) {
                problems.add("sender " + sender.getHostAddress() + " is mapped to both '" + before + "' and '"
                        + deviceId + "'");
            }
            return this;
        }

        /** The clock for event times and log rate limits; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the configuration and starts listening.
         *
         * @param consumer receives every event on SNMP4J's transport thread; its exceptions are counted
         * @throws IllegalArgumentException listing every configuration problem, never a secret
         * @throws IOException              when the port cannot be bound
         */
        public SnmpTrapReceiver start(Consumer<DeviceEvent> consumer) throws IOException {
            Objects.requireNonNull(consumer, "consumer");
            List<String> all = new ArrayList<>(problems);
            if (communities.isEmpty() && users.isEmpty()) {
                all.add("no community and no SNMPv3 user: every notification would be dropped");
            }
            if (!all.isEmpty()) {
                throw new IllegalArgumentException("SNMP trap receiver: " + String.join("; ", all));
            }
            if (localEngineId == null) {
                localEngineId = MPv3.createLocalEngineID();
            }
            return new SnmpTrapReceiver(this, consumer);
        }
    }
}
