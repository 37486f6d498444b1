package org.dcsuite.simulator.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.dcsuite.core.config.Secret;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.dcsuite.simulator.events.SimTrapDestinations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Sends one agent's notifications from a UDP socket of its own on loopback: SNMPv2c with the device's community
 * when it has one, else SNMPv3 with its user (traps carry the agent's engine id as the authoritative one, informs
 * discover the manager's). Sending never blocks: traps are fire-and-forget datagrams, INFORMs are retransmitted by
 * SNMP4J's timer until answered or {@link SimTrapDestinations#INFORM_RETRIES} times.
 */
final class SimSnmpNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimSnmpNotifier.class);

    private final String deviceId;
    private final SimTrapDestinations destinations;
    private final Optional<Secret> community;
    private final Optional<SimSnmpUser> user;
    private final byte[] engineId;
    private final Supplier<TimeTicks> upTime;
    private final Snmp snmp;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final ResponseListener onResponse = new ResponseListener() {
        @Override
        public <A extends Address> void onResponse(ResponseEvent<A> event) {
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
            if (event.getResponse() != null) {
                acknowledged.incrementAndGet();
            } else {
                unacknowledged.incrementAndGet();
                LOG.warn("device '{}': SNMP INFORM to {} unanswered after {} retries{}", deviceId,
                        event.getPeerAddress(), SimTrapDestinations.INFORM_RETRIES,
                        event.getError() == null ? "" : ": " + event.getError());
            }
        }
    };

    SimSnmpNotifier(String deviceId, InetAddress address, SimTrapDestinations destinations, Optional<Secret> community,
            Optional<SimSnmpUser> user, byte[] engineId, Supplier<TimeTicks> upTime) {
        this.deviceId = deviceId;
        this.destinations = destinations;
        this.community = community;
        this.user = user;
        this.engineId = engineId.clone();
        this.upTime = upTime;
        try {
            // From the agent's own address, as a device sends from its IP: receivers match senders by address.
            DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(address, 0), false);
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv1());
            dispatcher.addMessageProcessingModel(new MPv2c());
            USM usm = new USM(SecurityProtocols.getInstance(), new OctetString(engineId), SimSnmpAgent.ENGINE_BOOTS);
            // Added without an engine id, the user is localised for this agent's engine (traps) and for the engine
            // each manager reports in discovery (informs).
            user.ifPresent(u -> usm.addUser(new OctetString(u.name()), SimSnmpAgent.Builder.usmUser(u)));
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            snmp = new Snmp(dispatcher, transport);
            snmp.listen();
        } catch (IOException e) {
            throw new UncheckedIOException("device '" + deviceId + "': cannot open the SNMP notification socket", e);
        }
    }

    /** Sends the notification to every destination configured now. */
    void send(SimSnmpNotification n) {
        for (SimTrapDestination d : destinations.list()) {
            PDU pdu = user.isPresent() && community.isEmpty() ? new ScopedPDU() : new PDU();
            pdu.setType(d.inform() ? PDU.INFORM : PDU.NOTIFICATION);
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime, upTime.get()));
            pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, n.trapOid()));
            pdu.addAll(n.varbinds().toArray(new VariableBinding[0]));
            try {
                if (d.inform()) {
                    snmp.send(pdu, target(d), null, onResponse);
                } else {
                    snmp.send(pdu, target(d));
                }
                sent.incrementAndGet();
                LOG.debug("device '{}': SNMP {} {} sent to {}", deviceId, d.inform() ? "inform" : "trap", n.name(), d);
            } catch (IOException | RuntimeException e) {
                // One unreachable manager must not keep the others from hearing about the condition.
                LOG.warn("device '{}': SNMP {} {} to {} failed: {}", deviceId, d.inform() ? "inform" : "trap",
                        n.name(), d, e.toString());
            }
        }
    }

    private Target<UdpAddress> target(SimTrapDestination d) {
        UdpAddress address = new UdpAddress(d.address().getAddress(), d.address().getPort());
        Target<UdpAddress> target;
        if (community.isPresent()) {
            target = new CommunityTarget<>(address, new OctetString(community.get().reveal()));
            target.setVersion(SnmpConstants.version2c);
        } else {
            SimSnmpUser u = user.orElseThrow();
            UserTarget<UdpAddress> t = new UserTarget<>(address, new OctetString(u.name()),
                    d.inform() ? new byte[0] : engineId, u.securityLevel());
            t.setVersion(SnmpConstants.version3);
            target = t;
        }
        target.setRetries(SimTrapDestinations.INFORM_RETRIES);
        target.setTimeout(SimTrapDestinations.INFORM_TIMEOUT.toMillis());
        return target;
    }

    /** Notifications handed to the socket so far, traps and informs. */
    long sent() {
        return sent.get();
    }

    /** INFORMs a manager answered. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** INFORMs given up after every retransmission. */
    long unacknowledged() {
        return unacknowledged.get();
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // A UDP socket that failed to close has nothing left to release.
        }
    }
}
