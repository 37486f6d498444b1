package org.dcsuite.simulator.snmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dcsuite.simulator.state.ProtocolFaults;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.Address;
import org.snmp4j.transport.TransportListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the UDP transport and SNMP4J's message dispatchers and acts out the device's
 * {@link ProtocolFaults}, looked up for every datagram: down drops it, garbage answers with bytes that are not
 * SNMP, authFailure hands it to a dispatcher whose USM knows no user and that answers no community (so v3
 * managers get an unknownUserName report and v1/v2c managers nothing), latency delays the processing and hence
 * the answer.
 */
final class SimSnmpFaultRouter implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(SimSnmpFaultRouter.class);

    /**
     * A BER SEQUENCE claiming a length of about 2 GB followed by two bytes: managers fail to decode it (SNMP4J
     * counts snmpInASNParseErrs) instead of mistaking it for a truncated answer.
     */
    static final byte[] GARBAGE = {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f, 0x02, 0x01};

    private final String deviceId;
    private final ProtocolFaults faults;
    private final MessageDispatcher normal;
    private final MessageDispatcher rejecting;
    private final ScheduledExecutorService delayer;

    SimSnmpFaultRouter(String deviceId, ProtocolFaults faults, MessageDispatcher normal, MessageDispatcher rejecting,
            ScheduledExecutorService delayer) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.normal = Objects.requireNonNull(normal, "normal");
        this.rejecting = Objects.requireNonNull(rejecting, "rejecting");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
    }

    @Override
    public <A extends Address> void processMessage(TransportMapping<? super A> transport, A address,
            ByteBuffer message, TransportStateReference tmStateReference) {
        ProtocolFaults.Active active = faults.current(deviceId);
        if (active.down()) {
            return;
        }
        Runnable answer;
        if (active.garbage()) {
            answer = () -> sendGarbage(transport, address, tmStateReference);
        } else {
            MessageDispatcher dispatcher = active.authFailure() ? rejecting : normal;
            // The transport reuses its receive buffer, so a delayed message needs its own copy.
            ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message.duplicate()).flip();
            answer = () -> dispatcher.processMessage(transport, address, copy, tmStateReference);
        }
        long delayMillis = active.latency().toMillis();
        if (delayMillis <= 0) {
            answer.run();
            return;
        }
        try {
            delayer.schedule(answer, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The agent is closing: a device being switched off answers nothing.
        }
    }

    private <A extends Address> void sendGarbage(TransportMapping<? super A> transport, A address,
            TransportStateReference tmStateReference) {
        try {
            transport.sendMessage(address, GARBAGE.clone(), tmStateReference, 0, 0);
        } catch (IOException e) {
            LOG.debug("device '{}': cannot send garbage to {}: {}", deviceId, address, e.getMessage());
        }
    }
}
