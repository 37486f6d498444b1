package org.dcsuite.collectors.events;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.dcsuite.core.config.RedfishEventReceiverConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.config.SnmpTrapReceiverConfig;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.redfish.RedfishEventReceiver;
import org.dcsuite.drivers.snmp.SnmpTrapReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the device event listeners {@code dcsuite run} configures: the SNMP trap receiver, accepting the
 * communities and SNMPv3 users of the configured SNMP devices plus {@code receivers.snmp_traps.communities} and
 * naming senders by the configured devices' endpoint addresses, and the Redfish event listener, to which every
 * configured Redfish device is subscribed in the background (a failed subscription is logged and retried, so a slow
 * or broken BMC never holds up start-up). Disabled receivers are not started.
 */
public final class DeviceEventReceivers implements AutoCloseable {

    /** How long a device whose subscription failed waits before the next attempt. */
    public static final Duration DEFAULT_RESUBSCRIBE_INTERVAL = Duration.ofMinutes(5);
    /** Subscriptions made at once: a few slow BMCs must not hold up the others. */
    static final int SUBSCRIBE_THREADS = 4;
    /** How long {@link #close()} waits for subscriptions in flight before deleting those made. */
    static final Duration SUBSCRIBE_STOP_TIMEOUT = Duration.ofSeconds(5);

    static final String AUTH_PROTOCOL_OPTION = "snmp.auth_protocol";
    static final String PRIV_PROTOCOL_OPTION = "snmp.priv_protocol";
    static final String ENGINE_ID_OPTION = "snmp.engine_id";
    /** What the SNMP driver uses when a passphrase is given without a protocol. */
    static final String DEFAULT_AUTH_PROTOCOL = "SHA";
    static final String DEFAULT_PRIV_PROTOCOL = "AES";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventReceivers.class);

    private final Optional<SnmpTrapReceiver> snmp;
    private final Optional<RedfishEventReceiver> redfish;
    private final ScheduledExecutorService subscriber;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    private DeviceEventReceivers(Optional<SnmpTrapReceiver> snmp, Optional<RedfishEventReceiver> redfish,
            ScheduledExecutorService subscriber) {
        this.snmp = snmp;
        this.redfish = redfish;
        this.subscriber = subscriber;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The UDP port traps are received on; empty when that receiver is not running. */
    public OptionalInt snmpTrapPort() {
        return snmp.map(r -> OptionalInt.of(r.port())).orElse(OptionalInt.empty());
    }

    /** The HTTP port Redfish events are received on; empty when that receiver is not running. */
    public OptionalInt redfishEventPort() {
        return redfish.map(r -> OptionalInt.of(r.port())).orElse(OptionalInt.empty());
    }

    /** Ids of the Redfish devices subscribed so far. */
    public Set<String> subscribedDevices() {
        return Set.copyOf(subscribed);
    }

    /** Traps and informs not delivered, by reason (wrong community, malformed...); empty when not running. */
    public Map<SnmpTrapReceiver.Drop, Long> snmpTrapsDropped() {
        return snmp.map(SnmpTrapReceiver::dropped).orElse(Map.of());
    }

    /** Redfish event posts refused (no or wrong token, malformed, too large). */
    public long redfishEventsRejected() {
        return redfish.map(RedfishEventReceiver::rejected).orElse(0L);
    }

    /**
     * Stops subscribing, stops both listeners and deletes the Redfish subscriptions this process made (one DELETE
     * each, bounded by the device's timeout and retries). Never throws.
     */
    @Override
    public void close() {
        subscriber.shutdownNow();
        try {
            if (!subscriber.awaitTermination(SUBSCRIBE_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Redfish event subscriptions still in flight after {}; they may outlive dcsuite on their "
                        + "devices", SUBSCRIBE_STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snmp.ifPresent(SnmpTrapReceiver::close);
        redfish.ifPresent(RedfishEventReceiver::close);
    }

    /** Subscribes a device now, and again after the interval as long as that fails. */
    private void subscribe(RedfishEventReceiver receiver, Device device, Optional<String> advertiseHost, Clock clock,
            Duration retry) {
        if (subscriber.isShutdown()) {
            return;
        }
        try {
            String host = advertiseHost.orElseGet(() -> localAddressToward(device));
            String location = receiver.subscribe(DeviceTarget.of(device, clock), host);
            subscribed.add(device.id());
            LOG.info("device '{}': subscribed to its Redfish events ({})", device.id(), location);
        } catch (RuntimeException e) {
            LOG.warn("device '{}': Redfish event subscription failed, retrying in {}: {}", device.id(), retry,
                    e.getMessage());
            if (!subscriber.isShutdown()) {
                try {
                    subscriber.schedule(() -> subscribe(receiver, device, advertiseHost, clock, retry),
                            retry.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    // Closing: nothing left to retry for.
                }
            }
        }
    }

    /**
     * The local address this host uses to reach the device: connecting a UDP socket picks the route without sending
     * anything.
     */
    static String localAddressToward(Device device) {
        String host = device.endpoint().host();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(InetAddress.getByName(host), device.endpoint().port());
            InetAddress local = socket.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IllegalStateException("no route from this host to " + host);
            }
            String address = local.getHostAddress();
            return address.contains(":") ? "[" + address.replaceFirst("%.*", "") + "]" : address;
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the local address toward " + host + ": " + e.getMessage(), e);
        }
    }

    /** Configures the receivers; both default to their {@code DEFAULT} configuration, no devices, the UTC clock. */
    public static final class Builder {

        private SnmpTrapReceiverConfig snmpConfig = SnmpTrapReceiverConfig.DEFAULT;
        private RedfishEventReceiverConfig redfishConfig = RedfishEventReceiverConfig.DEFAULT;
        private List<Device> devices = List.of();
        private Clock clock = Clock.systemUTC();
        private Duration resubscribeInterval = DEFAULT_RESUBSCRIBE_INTERVAL;

        private Builder() {
        }

        public Builder snmpTraps(SnmpTrapReceiverConfig config) {
            this.snmpConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder redfishEvents(RedfishEventReceiverConfig config) {
            this.redfishConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Every configured device: SNMP ones give communities and users, all give sender addresses. */
        public Builder devices(List<Device> devices) {
            this.devices = List.copyOf(devices);
            return this;
        }

        /** Event times of the receivers. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder resubscribeInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("resubscribe interval must be positive, got " + interval);
            }
            this.resubscribeInterval = interval;
            return this;
        }

        /**
         * Starts the enabled receivers; Redfish subscriptions start in the background.
         *
         * @param sink receives every event on the receivers' threads; it should only hand it on (as
         *             {@link DeviceEventPipeline#accept} does)
         * @throws IOException              when a port cannot be bound (nothing is left running)
         * @throws IllegalArgumentException when the SNMP users or communities are invalid
         */
        public DeviceEventReceivers start(Consumer<DeviceEvent> sink) throws IOException {
            Objects.requireNonNull(sink, "sink");
            Optional<SnmpTrapReceiver> snmp = snmpConfig.enabled() ? startSnmp(sink) : Optional.empty();
            Optional<RedfishEventReceiver> redfish;
            try {
                redfish = redfishConfig.enabled() ? Optional.of(RedfishEventReceiver.start(new InetSocketAddress(
                        InetAddress.getByName(redfishConfig.bindAddress()), redfishConfig.port()), Optional.empty(),
                        sink, clock)) : Optional.empty();
            } catch (IOException e) {
                snmp.ifPresent(SnmpTrapReceiver::close);
                throw new IOException("Redfish event listener on " + redfishConfig.bindAddress() + ":"
                        + redfishConfig.port() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                snmp.ifPresent(SnmpTrapReceiver::close);
                throw e;
            }
            ScheduledExecutorService subscriber = Executors.newScheduledThreadPool(SUBSCRIBE_THREADS,
                    Thread.ofPlatform().name("dcsuite-redfish-subscribe-", 0).daemon().factory());
            DeviceEventReceivers receivers = new DeviceEventReceivers(snmp, redfish, subscriber);
            redfish.ifPresent(r -> {
                LOG.info("Redfish event listener on port {}", r.port());
                if (redfishConfig.subscribe()) {
                    devices.stream().filter(d -> d.endpoint().protocol() == Protocol.REDFISH).forEach(d -> subscriber
                            .execute(() -> receivers.subscribe(r, d, redfishConfig.advertiseHost(), clock,
                                    resubscribeInterval)));
                }
            });
            return receivers;
        }

        private Optional<SnmpTrapReceiver> startSnmp(Consumer<DeviceEvent> sink) throws IOException {
            SnmpTrapReceiver.Builder b = SnmpTrapReceiver.builder()
                    .listen(InetAddress.getByName(snmpConfig.bindAddress()), snmpConfig.port())
                    .clock(clock);
            Set<String> communities = new HashSet<>();
            Map<String, Credentials> users = new LinkedHashMap<>();
            for (Device d : devices) {
                if (d.endpoint().protocol() != Protocol.SNMP) {
                    continue;
                }
                Credentials c = d.credentials();
                c.community().filter(s -> communities.add(s.reveal())).ifPresent(b::community);
                c.username().ifPresent(name -> addUser(b, users, d, name.reveal()));
            }
            snmpConfig.communities().stream().filter(s -> communities.add(s.reveal())).forEach(b::community);
            if (communities.isEmpty() && users.isEmpty()) {
                LOG.warn("SNMP trap receiver not started: no configured SNMP device has a community or an SNMPv3 user "
                        + "and receivers.snmp_traps.communities is empty, so every trap would be dropped");
                return Optional.empty();
            }
            senders(devices).forEach(b::device);
            SnmpTrapReceiver receiver;
            try {
                receiver = b.start(sink);
            } catch (IOException e) {
                throw new IOException("SNMP trap receiver on UDP " + snmpConfig.bindAddress() + ":" + snmpConfig.port()
                        + ": " + e.getMessage(), e);
            }
            LOG.info("SNMP trap receiver on UDP port {}: {} communities, {} SNMPv3 users", receiver.port(),
                    communities.size(), users.size());
            return Optional.of(receiver);
        }

        /**
         * Adds a device's SNMPv3 user once: devices commonly share one user, and the receiver takes one set of
         * passphrases per name, so a second device naming the user with other passphrases is logged and ignored.
         */
        private static void addUser(SnmpTrapReceiver.Builder b, Map<String, Credentials> users, Device d, String name) {
            // v3 traps are authenticated with the sender's engine id, which must be known beforehand.
            Optional.ofNullable(d.driver().options().get(ENGINE_ID_OPTION)).ifPresent(b::senderEngineId);
            Credentials c = d.credentials();
            Credentials before = users.get(name);
            if (before != null) {
                if (!before.equals(c)) {
                    LOG.warn("device '{}': SNMPv3 user '{}' has other passphrases than on another device; traps are "
                            + "accepted with the first device's", d.id(), name);
                }
                return;
            }
            if (c.authPassphrase().isEmpty()) {
                LOG.warn("device '{}': SNMPv3 user '{}' has no auth_passphrase; noAuthNoPriv traps are not accepted",
                        d.id(), name);
                return;
            }
            Map<String, String> options = d.driver().options();
            String auth = options.getOrDefault(AUTH_PROTOCOL_OPTION, DEFAULT_AUTH_PROTOCOL);
            Secret authPassphrase = c.authPassphrase().get();
            if (c.privPassphrase().isPresent()) {
                b.user(name, auth, authPassphrase, options.getOrDefault(PRIV_PROTOCOL_OPTION, DEFAULT_PRIV_PROTOCOL),
                        c.privPassphrase().get());
            } else {
                b.user(name, auth, authPassphrase);
            }
            users.put(name, c);
        }
    }

    /**
     * Sender address to device id, from each device's endpoint host resolved once. An address several devices share
     * (a gateway, a simulator) goes to its one SNMP device if it has exactly one, else to nobody: guessing would
     * label events with the wrong device, while an unmatched event is still stored with its source address.
     */
    static Map<InetAddress, String> senders(List<Device> devices) {
        Map<InetAddress, List<Device>> byAddress = new LinkedHashMap<>();
        for (Device d : devices) {
            String host = d.endpoint().host();
            try {
                for (InetAddress a : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
                    byAddress.computeIfAbsent(a, k -> new ArrayList<>()).add(d);
                }
            } catch (UnknownHostException e) {
                LOG.warn("device '{}': host '{}' does not resolve; its traps will be stored without a device",
                        d.id(), host);
            }
        }
        Map<InetAddress, String> out = new LinkedHashMap<>();
        byAddress.forEach((address, candidates) -> {
            List<Device> snmpDevices = candidates.stream()
                    .filter(d -> d.endpoint().protocol() == Protocol.SNMP).toList();
            if (candidates.size() == 1) {
                out.put(address, candidates.get(0).id());
            } else if (snmpDevices.size() == 1) {
                out.put(address, snmpDevices.get(0).id());
            } else {
                // Only worth a line when SNMP devices, the usual trap senders, are the ones that cannot be told apart.
                List<String> ids = candidates.stream().map(Device::id).toList();
                String shown = ids.size() <= 5 ? ids.toString()
                        : ids.subList(0, 5) + " and " + (ids.size() - 5) + " more";
                if (snmpDevices.size() > 1) {
                    LOG.info("address {} is shared by devices {}; traps from it are stored without a device",
                            address.getHostAddress(), shown);
                } else {
                    LOG.debug("address {} is shared by devices {}; traps from it are stored without a device",
                            address.getHostAddress(), shown);
                }
            }
        });
        return out;
    }
}
