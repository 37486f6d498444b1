package org.dcsuite.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.simulator.events.SimConditionChange;
import org.dcsuite.simulator.events.SimConditionWatcher;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.dcsuite.simulator.model.FaultSchedule;
import org.dcsuite.simulator.model.MeterType;
import org.dcsuite.simulator.model.SimulatedFleet;
import org.dcsuite.simulator.modbus.SimModbusDevice;
import org.dcsuite.simulator.redfish.SimRedfishServer;
import org.dcsuite.simulator.redfish.SimRedfishTls;
import org.dcsuite.simulator.snmp.SimSnmpAgent;
import org.dcsuite.simulator.snmp.SimSnmpUser;

/**
 * A running simulated fleet: the physical model built from a configuration, and one protocol front end per
 * device, listening on 127.0.0.1 at the port its endpoint names, with the credentials it names. Cooling units
 * and meters speak Modbus TCP, PDUs and UPSes SNMP, servers Redfish (plain HTTP for {@code redfish://}, HTTPS
 * with a self-signed certificate for {@code https://}); devices of kind {@code other} are not simulated. UPSes,
 * PDUs and servers also push what happens to them, as real ones do: SNMP traps or informs to the
 * {@link #trapDestinations()}, Redfish events to the subscriptions made on each BMC (see {@link SimulatorOptions}).
 */
public final class Simulator implements AutoCloseable {

    /** SNMPv3 protocols when a device's options do not name them, as the SNMP driver defaults. */
    private static final String DEFAULT_AUTH_PROTOCOL = "SHA";
    private static final String DEFAULT_PRIV_PROTOCOL = "AES";

    private final SimulatedFleet fleet;
    private final FaultSchedule faults;
    private final SimulatorOptions options;
    private final SimTrapDestinations trapDestinations = new SimTrapDestinations();
    private final List<AutoCloseable> frontEnds = new ArrayList<>();
    private final Map<String, SimulatedEndpoint> endpoints = new LinkedHashMap<>();
    /** Where each device's condition changes go: its SNMP agent or its BMC. */
    private final Map<String, Consumer<SimConditionChange>> reporters = new ConcurrentHashMap<>();
    private SimConditionWatcher watcher;

    private Simulator(SimulatedFleet fleet, FaultSchedule faults, SimulatorOptions options) {
        this.fleet = fleet;
        this.faults = faults;
        this.options = options;
        options.trapDestinations().forEach(trapDestinations::add);
    }

    /**
     * Builds the fleet and starts every front end; on any failure the ones already started are closed.
     *
     * @throws IllegalArgumentException when a device cannot be simulated as configured (not on a loopback
     *                                  address, a protocol the simulator does not serve for its kind), naming it
     * @throws java.io.UncheckedIOException when a port cannot be bound, naming the device
     */
    public static Simulator start(DcsuiteConfig config, long seed, Clock clock) {
        return start(config, seed, clock, SimulatorOptions.defaults());
    }

    /**
     * As {@link #start(DcsuiteConfig, long, Clock)}, with the SNMP managers to notify and how conditions are
     * watched and Redfish events retried. Every UPS, PDU and server reports its conditions (see
     * {@link SimConditionWatcher}) as the real device would push them.
     */
    public static Simulator start(DcsuiteConfig config, long seed, Clock clock, SimulatorOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        SimulatedFleet fleet = new SimulatedFleet(config, seed, clock);
        FaultSchedule faults = new FaultSchedule(clock);
        Simulator simulator = new Simulator(fleet, faults, options);
        try {
            for (DeviceLocation location : config.locations()) {
                simulator.startFrontEnd(location.device(), clock);
            }
            simulator.watcher = SimConditionWatcher.start(fleet, clock, options.conditionScanInterval(),
                    simulator::report);
            return simulator;
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private void startFrontEnd(Device device, Clock clock) {
        if (device.kind() == DeviceKind.OTHER) {
            return;
        }
        String id = device.id();
        InetAddress address = loopbackAddress(device);
        int port = device.endpoint().port();
        Credentials credentials = device.credentials();
        switch (device.kind()) {
            case COOLING -> {
                requireProtocol(device, Protocol.MODBUS);
                SimModbusDevice d = SimModbusDevice.startCooling(id, port, () -> fleet.cooling(id), fleet, faults);
                add(device, d, d.endpoint(), "none (Modbus has no authentication)");
            }
            case METER -> {
                requireProtocol(device, Protocol.MODBUS);
                SimModbusDevice d = switch (MeterType.of(device)) {
                    case ELECTRICITY -> SimModbusDevice.startMeter(id, port, () -> fleet.meter(id), faults);
                    case WATER -> SimModbusDevice.startWaterMeter(id, port, () -> fleet.waterMeter(id), faults);
                    case HEAT -> SimModbusDevice.startHeatMeter(id, port, () -> fleet.heatMeter(id), faults);
                };
                add(device, d, d.endpoint(), "none (Modbus has no authentication)");
            }
            case PDU, UPS -> {
                requireProtocol(device, Protocol.SNMP);
                SimSnmpAgent.Builder b = device.kind() == DeviceKind.PDU
                        ? SimSnmpAgent.pdu(id, () -> fleet.pdu(id), fleet)
                        : SimSnmpAgent.ups(id, () -> fleet.ups(id));
                credentials.community().ifPresent(c -> b.readCommunity(c).writeCommunity(c));
                snmpUser(device).ifPresent(b::user);
                // A configured engine id is what trap receivers expect the device's SNMPv3 traps to carry.
                Optional.ofNullable(device.driver().options().get("snmp.engine_id"))
                        .ifPresent(hex -> b.engineId(HexFormat.of().parseHex(hex.strip().replaceFirst("^0[xX]", "")
                                .replace(":", ""))));
                // SNMP agents may each have their own loopback address, as devices have their own IP, so a trap
                // receiver tells them apart by sender address.
                SimSnmpAgent agent = b.faults(faults).listen(address, port).clock(clock)
                        .notifications(trapDestinations).start();
                reporters.put(id, agent::report);
                add(device, agent, "snmp://" + address.getHostAddress() + ":" + agent.port(), describeSnmp(device));
            }
            case SERVER -> {
                if (device.endpoint().protocol() != Protocol.REDFISH && device.endpoint().protocol() != Protocol.HTTPS) {
                    throw new IllegalArgumentException("device '" + id + "': simulated servers speak Redfish; use a "
                            + "redfish:// or https:// endpoint, not " + device.endpoint().protocol().scheme() + "://");
                }
                String user = credentials.username().map(Secret::reveal).orElse("admin");
                Secret password = credentials.password().orElse(Secret.of("admin-password"));
                SimRedfishServer.Builder b = SimRedfishServer.builder(id, () -> fleet.server(id), fleet)
                        .credentials(user, password).faults(faults).port(port).clock(clock)
                        .eventRetry(options.eventRetryAttempts(), options.eventRetryInterval());
                if (device.endpoint().protocol() == Protocol.HTTPS) {
                    b.tls(SimRedfishTls.selfSigned().sslContext());
                }
                SimRedfishServer server = b.start();
                reporters.put(id, server::report);
                String scheme = device.endpoint().protocol().scheme();
                add(device, server, scheme + "://127.0.0.1:" + server.port(),
                        "username " + user + ", password " + printable(password)
                                + (device.endpoint().protocol() == Protocol.HTTPS ? ", self-signed certificate" : ""));
            }
            default -> throw new IllegalStateException("unhandled device kind " + device.kind());
        }
    }

    private static Optional<SimSnmpUser> snmpUser(Device device) {
        Credentials c = device.credentials();
        if (c.username().isEmpty()) {
            return Optional.empty();
        }
        String name = c.username().get().reveal();
        String auth = device.driver().options().getOrDefault("snmp.auth_protocol", DEFAULT_AUTH_PROTOCOL);
        String priv = device.driver().options().getOrDefault("snmp.priv_protocol", DEFAULT_PRIV_PROTOCOL);
        Secret authPass = c.authPassphrase().orElseThrow(() -> new IllegalArgumentException("device '" + device.id()
                + "': a simulated SNMPv3 user needs auth_passphrase"));
        return Optional.of(c.privPassphrase()
                .map(p -> SimSnmpUser.authPriv(name, auth, authPass, priv, p))
                .orElseGet(() -> SimSnmpUser.authNoPriv(name, auth, authPass)));
    }

    private static String describeSnmp(Device device) {
        Credentials c = device.credentials();
        List<String> parts = new ArrayList<>();
        c.community().ifPresent(s -> parts.add("v2c community " + printable(s)));
        c.username().ifPresent(u -> {
            Map<String, String> o = device.driver().options();
            String text = "v3 user " + u.reveal() + ", auth " + o.getOrDefault("snmp.auth_protocol", DEFAULT_AUTH_PROTOCOL)
                    + " " + c.authPassphrase().map(Simulator::printable).orElse("-");
            if (c.privPassphrase().isPresent()) {
                text += ", priv " + o.getOrDefault("snmp.priv_protocol", DEFAULT_PRIV_PROTOCOL) + " "
                        + printable(c.privPassphrase().get());
            }
            parts.add(text);
        });
        return parts.isEmpty() ? "none configured (the agent answers no one)" : String.join("; ", parts);
    }

    /**
     * Literal secrets in a configuration are demo values and are printed so that other tools can poll the
     * simulator; secrets read from the environment or a file are named by their source only.
     */
    private static String printable(Secret s) {
        return "literal".equals(s.source()) ? s.reveal() : "(from " + s.source() + ")";
    }

    private void add(Device device, AutoCloseable frontEnd, String endpoint, String credentials) {
        frontEnds.add(frontEnd);
        endpoints.put(device.id(), new SimulatedEndpoint(device.id(), device.kind(), endpoint, credentials));
    }

    /**
     * The loopback address a device is served on: 127.0.0.1 for every protocol, or any 127.x.y.z address for SNMP
     * agents (Linux routes all of 127.0.0.0/8 to the loopback interface).
     */
    private static InetAddress loopbackAddress(Device device) {
        String host = device.endpoint().host();
        if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")) {
            return InetAddress.getLoopbackAddress();
        }
        if (device.endpoint().protocol() == Protocol.SNMP && host.matches("127(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("device '" + device.id() + "': invalid address " + host, e);
            }
        }
        throw new IllegalArgumentException("device '" + device.id() + "': the simulator serves devices on 127.0.0.1 "
                + "(SNMP agents on any 127.x.y.z address), but its endpoint names " + host);
    }

    private static void requireProtocol(Device device, Protocol protocol) {
        if (device.endpoint().protocol() != protocol) {
            throw new IllegalArgumentException("device '" + device.id() + "': simulated " + device.kind().name()
                    .toLowerCase(java.util.Locale.ROOT) + " devices speak " + protocol.scheme() + ", not "
                    + device.endpoint().protocol().scheme());
        }
    }

    public SimulatedFleet fleet() {
        return fleet;
    }

    public FaultSchedule faults() {
        return faults;
    }

    /** Where the SNMP agents send their notifications; the control API's {@code /trap-destinations} changes it. */
    public SimTrapDestinations trapDestinations() {
        return trapDestinations;
    }

    private void report(SimConditionChange change) {
        Consumer<SimConditionChange> reporter = reporters.get(change.deviceId());
        if (reporter != null) {
            reporter.accept(change);
        }
    }

    /** Every simulated device's endpoint and credentials, in configuration order. */
    public List<SimulatedEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        for (int i = frontEnds.size() - 1; i >= 0; i--) {
            try {
                frontEnds.get(i).close();
            } catch (Exception e) {
                // Closing the others matters more than one failure here; the OS releases ports at exit anyway.
            }
        }
        frontEnds.clear();
    }

    /** Where one simulated device listens and how to authenticate to it, for people and other tools. */
    public record SimulatedEndpoint(String deviceId, DeviceKind kind, String endpoint, String credentials) {
    }
}
