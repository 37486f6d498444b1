package org.dcsuite.simulator.snmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.dcsuite.core.config.Secret;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GET, GETNEXT, GETBULK and SET from a MIB view built for each request, after checking the community
 * (v1/v2c) or user and security level (v3). Requests with an unknown community are dropped without an answer, as
 * agents do. Error statuses follow RFC 3416, translated to SNMPv1's as RFC 3584 4.4 says.
 */
final class SimSnmpResponder implements CommandResponder {

    private static final Logger LOG = LoggerFactory.getLogger(SimSnmpResponder.class);

    /** Room left in a response for the header around the varbinds (request id, statuses, lengths growing). */
    private static final int RESPONSE_HEADER_ROOM = 64;

    /** What a request may do. */
    private enum Access { NONE, READ, WRITE, BELOW_LEVEL }

    private final String deviceId;
    private final Supplier<SimSnmpMib> mib;
    private final Optional<Secret> readCommunity;
    private final Optional<Secret> writeCommunity;
    private final Optional<SimSnmpUser> user;

    SimSnmpResponder(String deviceId, Supplier<SimSnmpMib> mib, Optional<Secret> readCommunity,
            Optional<Secret> writeCommunity, Optional<SimSnmpUser> user) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.mib = Objects.requireNonNull(mib, "mib");
        this.readCommunity = readCommunity;
        this.writeCommunity = writeCommunity;
        this.user = user;
    }

    @Override
    public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        if (request == null || !isRequest(request.getType())) {
            return;
        }
        event.setProcessed(true);
        Access access = access(event);
        if (access == Access.NONE) {
            return;
        }
        boolean v1 = event.getMessageProcessingModel() == MessageProcessingModel.MPv1;
        PDU response = (PDU) request.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        if (access == Access.BELOW_LEVEL) {
            // VACM would find no access entry for this level: authorizationError (RFC 3416 4.2).
            error(response, request, PDU.authorizationError, 0, v1);
        } else {
            SimSnmpMib view = mib.get();
            int room = event.getMaxSizeResponsePDU() - RESPONSE_HEADER_ROOM;
            switch (request.getType()) {
                case PDU.GET -> get(view, request, response, v1);
                case PDU.GETNEXT -> getNext(view, request, response, v1);
                case PDU.GETBULK -> getBulk(view, request, response, room);
                default -> set(view, request, response, v1, access == Access.WRITE);
            }
            if (response.getErrorStatus() == PDU.noError
                    && PDU.getBERLength(response.getVariableBindings()) > room) {
                error(response, request, PDU.tooBig, 0, v1);
            }
        }
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            LOG.debug("device '{}': cannot send SNMP response to {}: {}", deviceId, event.getPeerAddress(),
                    e.getMessage());
        }
    }

    private static boolean isRequest(int type) {
        return type == PDU.GET || type == PDU.GETNEXT || type == PDU.GETBULK || type == PDU.SET;
    }

    private <A extends Address> Access access(CommandResponderEvent<A> event) {
        if (event.getMessageProcessingModel() == MessageProcessingModel.MPv3) {
            // USM has already authenticated (and decrypted) the message for this user, or sent a report.
            if (user.isEmpty() || !Arrays.equals(user.get().name().getBytes(StandardCharsets.UTF_8),
                    event.getSecurityName())) {
                return Access.NONE;
            }
            return event.getSecurityLevel() < user.get().securityLevel() ? Access.BELOW_LEVEL : Access.WRITE;
        }
        // SNMP4J hands the community over as the security name and accepts any: compare them here.
        String community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
        if (writeCommunity.isPresent() && writeCommunity.get().matches(community)) {
            return Access.WRITE;
        }
        return readCommunity.isPresent() && readCommunity.get().matches(community) ? Access.READ : Access.NONE;
    }

    private static void get(SimSnmpMib view, PDU request, PDU response, boolean v1) {
        List<VariableBinding> out = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            OID oid = request.get(i).getOid();
            Optional<Variable> value = view.get(oid);
            if (value.isPresent()) {
                out.add(new VariableBinding(oid, value.get()));
            } else if (v1) {
                error(response, request, PDU.noSuchName, i + 1, true);
                return;
            } else {
                out.add(new VariableBinding(oid, view.isInstanceOfKnownObject(oid) ? Null.noSuchInstance
                        : Null.noSuchObject));
            }
        }
        response.setVariableBindings(out);
    }

    private static void getNext(SimSnmpMib view, PDU request, PDU response, boolean v1) {
        List<VariableBinding> out = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            OID oid = request.get(i).getOid();
            Optional<Map.Entry<OID, Variable>> next = view.next(oid);
            if (next.isPresent()) {
                out.add(new VariableBinding(next.get().getKey(), next.get().getValue()));
            } else if (v1) {
                // SNMPv1 has no endOfMibView: the end of the MIB is noSuchName (RFC 3584 4.4).
                error(response, request, PDU.noSuchName, i + 1, true);
                return;
            } else {
                out.add(new VariableBinding(oid, Null.endOfMibView));
            }
        }
        response.setVariableBindings(out);
    }

    /**
     * RFC 3416 4.2.3: the first non-repeaters varbinds once, the others max-repetitions times, each repetition
     * continuing from the previous one, stopping early when every repeater reached the end or the response is full.
     */
    private static void getBulk(SimSnmpMib view, PDU request, PDU response, int room) {
        int n = request.size();
        // SNMP4J keeps non-repeaters and max-repetitions in the error status and index fields.
        int nonRepeaters = Math.max(0, Math.min(n, request.getNonRepeaters()));
        int maxRepetitions = Math.max(0, request.getMaxRepetitions());
        List<VariableBinding> out = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < nonRepeaters; i++) {
            VariableBinding vb = nextBinding(view, request.get(i).getOid());
            size += vb.getBERLength();
            out.add(vb);
        }
        if (size > room) {
            response.setVariableBindings(out);
            return;
        }
        OID[] cursors = new OID[n - nonRepeaters];
        for (int j = 0; j < cursors.length; j++) {
            cursors[j] = request.get(nonRepeaters + j).getOid();
        }
        for (int r = 0; r < maxRepetitions && cursors.length > 0; r++) {
            List<VariableBinding> round = new ArrayList<>(cursors.length);
            int roundSize = 0;
            boolean allEnded = true;
            for (int j = 0; j < cursors.length; j++) {
                VariableBinding vb = nextBinding(view, cursors[j]);
                if (!Null.endOfMibView.equals(vb.getVariable())) {
                    cursors[j] = vb.getOid();
                    allEnded = false;
                }
                roundSize += vb.getBERLength();
                round.add(vb);
            }
            if (size + roundSize > room) {
                // Only whole repetitions go out, so a manager can pair every varbind with its column.
                break;
            }
            size += roundSize;
            out.addAll(round);
            if (allEnded) {
                break;
            }
        }
        response.setVariableBindings(out);
    }

    private static VariableBinding nextBinding(SimSnmpMib view, OID oid) {
        return view.next(oid).map(e -> new VariableBinding(e.getKey(), e.getValue()))
                .orElseGet(() -> new VariableBinding(oid, Null.endOfMibView));
    }

    /** RFC 3416 4.2.5: every varbind is checked before any is applied, so a SET is all or nothing. */
    private void set(SimSnmpMib view, PDU request, PDU response, boolean v1, boolean writeAccess) {
        if (!writeAccess) {
            error(response, request, PDU.noAccess, 1, v1);
            return;
        }
        List<SimSnmpMib.Writable> targets = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            VariableBinding vb = request.get(i);
            Optional<SimSnmpMib.Writable> writable = view.writable(vb.getOid());
            int status;
            if (writable.isEmpty()) {
                status = view.isUnderWritableObject(vb.getOid()) ? PDU.noCreation : PDU.notWritable;
            } else if (vb.getVariable().getSyntax() != writable.get().syntax()) {
                status = PDU.wrongType;
            } else if (!writable.get().accepts().test(vb.getVariable())) {
                status = PDU.wrongValue;
            } else {
                targets.add(writable.get());
                continue;
            }
            error(response, request, status, i + 1, v1);
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            try {
                targets.get(i).apply().accept(request.get(i).getVariable());
            } catch (RuntimeException e) {
                LOG.warn("device '{}': SET {} failed in the model: {}", deviceId, request.get(i).getOid(),
                        e.getMessage());
                error(response, request, PDU.commitFailed, i + 1, v1);
                return;
            }
        }
        LOG.info("device '{}': SET {}", deviceId, request.getVariableBindings());
    }

    /** An error response carries the request's varbinds unchanged (RFC 3416 4.2.1). */
    private static void error(PDU response, PDU request, int status, int index, boolean v1) {
        response.setVariableBindings(request.getVariableBindings());
        response.setErrorStatus(v1 ? toV1(status) : status);
        response.setErrorIndex(index);
    }

    /** RFC 3584 4.4: SNMPv2 error statuses an SNMPv1 manager understands. */
    private static int toV1(int status) {
        return switch (status) {
            case PDU.noError, PDU.tooBig, PDU.noSuchName, PDU.badValue, PDU.readOnly, PDU.genErr -> status;
            case PDU.wrongValue, PDU.wrongEncoding, PDU.wrongType, PDU.wrongLength, PDU.inconsistentValue ->
                    PDU.badValue;
            case PDU.noAccess, PDU.notWritable, PDU.noCreation, PDU.inconsistentName, PDU.authorizationError ->
                    PDU.noSuchName;
            default -> PDU.genErr;
        };
    }
}
