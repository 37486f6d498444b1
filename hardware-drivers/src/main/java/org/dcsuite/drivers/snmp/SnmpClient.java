package org.dcsuite.drivers.snmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * One device's SNMP conversation: its own {@link Snmp}, UDP transport and (for v3) USM with the one user, so
 * sessions never share engine state. GET, GETBULK column walks and SET, with every failure turned into a
 * {@link DriverException} naming the device. Not thread-safe, like the session that owns it.
 */
final class SnmpClient implements AutoCloseable {

    /** A point that could not be read while the request as a whole worked. */
    record Failure(DriverErrorKind kind, String message) {
    }

    /** GET requests carry at most this many OIDs; larger sets are split to stay well under a frame. */
    private static final int GET_CHUNK = 32;

    private final DeviceTarget device;
    private final SnmpOptions options;
    private final LongAdder parseErrors = new LongAdder();
    private Snmp snmp;
    private Target<UdpAddress> target;

    SnmpClient(DeviceTarget device, SnmpOptions options) {
        this.device = device;
        this.options = options;
    }

    /**
     * GETs the OIDs. Values come back in request order; an OID the agent does not have (noSuchObject,
     * noSuchInstance, or an SNMPv1 noSuchName) goes to {@code failures} instead.
     */
    Map<OID, Variable> get(List<OID> oids, Map<OID, Failure> failures) {
        Map<OID, Variable> out = new LinkedHashMap<>();
        for (int i = 0; i < oids.size(); i += GET_CHUNK) {
            getChunk(new ArrayList<>(oids.subList(i, Math.min(oids.size(), i + GET_CHUNK))), out, failures);
        }
        return out;
    }

    private void getChunk(List<OID> oids, Map<OID, Variable> out, Map<OID, Failure> failures) {
        while (!oids.isEmpty()) {
            PDU pdu = newPdu(PDU.GET);
            oids.forEach(o -> pdu.add(new VariableBinding(o)));
            PDU r = send(pdu, "GET");
            int status = r.getErrorStatus();
            if (status == PDU.tooBig && oids.size() > 1) {
                int half = oids.size() / 2;
                getChunk(new ArrayList<>(oids.subList(0, half)), out, failures);
                getChunk(new ArrayList<>(oids.subList(half, oids.size())), out, failures);
                return;
            }
            if (status != PDU.noError) {
                int index = r.getErrorIndex() - 1;
                if (index < 0 || index >= oids.size()) {
                    throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": GET failed with "
                            + r.getErrorStatusText());
                }
                // One OID spoils an SNMPv1 (or a failing v2c) request: report it and ask again without it.
                OID bad = oids.remove(index);
                failures.put(bad, new Failure(status == PDU.noSuchName ? DriverErrorKind.UNSUPPORTED
                        : DriverErrorKind.PROTOCOL, bad + ": " + r.getErrorStatusText()));
                continue;
            }
            for (VariableBinding vb : r.getVariableBindings()) {
                if (vb.isException()) {
                    failures.put(vb.getOid(), new Failure(DriverErrorKind.UNSUPPORTED, vb.getOid() + ": "
                            + vb.getVariable().getSyntaxString()));
                } else {
                    out.put(vb.getOid(), vb.getVariable());
                }
            }
            return;
        }
    }

    /**
     * Walks whole columns side by side, one GETBULK (GETNEXT for SNMPv1) carrying a varbind per column still
     * running: the way {@code snmpbulkwalk} walks one column, for many at once.
     *
     * @return per column, its instances by index suffix, in OID order
     */
    Map<OID, TreeMap<OID, Variable>> walk(Collection<OID> columns) {
        Map<OID, TreeMap<OID, Variable>> out = new LinkedHashMap<>();
        Map<OID, OID> cursor = new LinkedHashMap<>();
        for (OID c : columns) {
            out.put(c, new TreeMap<>());
            cursor.put(c, c);
        }
        LinkedHashSet<OID> active = new LinkedHashSet<>(cursor.keySet());
        int repetitions = options.maxRepetitions();
        boolean bulk = options.version() != SnmpConstants.version1;
        while (!active.isEmpty()) {
            List<OID> cols = new ArrayList<>(active);
            PDU pdu = newPdu(bulk ? PDU.GETBULK : PDU.GETNEXT);
            cols.forEach(c -> pdu.add(new VariableBinding(cursor.get(c))));
            if (bulk) {
                pdu.setNonRepeaters(0);
                pdu.setMaxRepetitions(Math.max(1, repetitions / cols.size()));
            }
            PDU r = send(pdu, bulk ? "GETBULK" : "GETNEXT");
            int status = r.getErrorStatus();
            if (status == PDU.tooBig && repetitions > cols.size()) {
                repetitions = Math.max(cols.size(), repetitions / 2);
                continue;
            }
            if (!bulk && status == PDU.noSuchName && r.getErrorIndex() >= 1 && r.getErrorIndex() <= cols.size()) {
                // SNMPv1 says "end of MIB" for a GETNEXT this way.
                active.remove(cols.get(r.getErrorIndex() - 1));
                continue;
            }
            if (status != PDU.noError) {
                throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": walking " + cols
                        + " failed with " + r.getErrorStatusText());
            }
            List<? extends VariableBinding> vbs = r.getVariableBindings();
            if (vbs.isEmpty()) {
                throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": empty "
                        + (bulk ? "GETBULK" : "GETNEXT") + " response while walking " + cols);
            }
            boolean[] ended = new boolean[cols.size()];
            for (int i = 0; i < vbs.size(); i++) {
                int k = i % cols.size();
                OID column = cols.get(k);
                if (ended[k]) {
                    continue;
                }
                VariableBinding vb = vbs.get(i);
                OID oid = vb.getOid();
                // Leaving the column, endOfMibView, or an OID that does not increase (a broken agent) ends it.
                if (vb.isException() || oid == null || !oid.startsWith(column) || oid.size() <= column.size()
                        || oid.compareTo(cursor.get(column)) <= 0) {
                    ended[k] = true;
                    continue;
                }
                out.get(column).put(new OID(oid.getValue(), column.size(), oid.size() - column.size()),
                        vb.getVariable());
                cursor.put(column, oid);
            }
            for (int k = 0; k < cols.size(); k++) {
                if (ended[k]) {
                    active.remove(cols.get(k));
                }
            }
        }
        return out;
    }

    /** Whether the agent has anything under each subtree: one GETNEXT per subtree, in a single request. */
    Map<OID, Boolean> answers(List<OID> subtrees) {
        Map<OID, Boolean> out = new LinkedHashMap<>();
        List<OID> asked = new ArrayList<>(subtrees);
        while (!asked.isEmpty()) {
            PDU pdu = newPdu(PDU.GETNEXT);
            asked.forEach(o -> pdu.add(new VariableBinding(o)));
            PDU r = send(pdu, "GETNEXT");
            if (r.getErrorStatus() == PDU.noSuchName && r.getErrorIndex() >= 1 && r.getErrorIndex() <= asked.size()) {
                out.put(asked.remove(r.getErrorIndex() - 1), false);
                continue;
            }
            if (r.getErrorStatus() != PDU.noError) {
                throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": GETNEXT failed with "
                        + r.getErrorStatusText());
            }
            for (int i = 0; i < asked.size(); i++) {
                VariableBinding vb = i < r.size() ? r.get(i) : null;
                out.put(asked.get(i), vb != null && !vb.isException() && vb.getOid().startsWith(asked.get(i)));
            }
            break;
        }
        return out;
    }

    /**
     * SETs one value.
     *
     * @throws DriverException UNSUPPORTED when the agent has no such writable object, AUTH when access is
     *                         denied, CONFIG when it refuses the value
     */
    void set(OID oid, Variable value) {
        PDU pdu = newPdu(PDU.SET);
        pdu.add(new VariableBinding(oid, value));
        PDU r = send(pdu, "SET");
        int status = r.getErrorStatus();
        if (status == PDU.noError) {
            return;
        }
        DriverErrorKind kind = switch (status) {
            case PDU.noSuchName, PDU.notWritable, PDU.noCreation -> DriverErrorKind.UNSUPPORTED;
            case PDU.noAccess, PDU.authorizationError, PDU.readOnly -> DriverErrorKind.AUTH;
            case PDU.badValue, PDU.wrongValue, PDU.wrongType, PDU.wrongLength, PDU.wrongEncoding,
                    PDU.inconsistentValue -> DriverErrorKind.CONFIG;
            default -> DriverErrorKind.PROTOCOL;
        };
        String hint = kind == DriverErrorKind.AUTH || status == PDU.noSuchName
                ? " (the community or user may be read-only)" : "";
        throw new DriverException(kind, device.describe() + ": SET " + oid + " = " + value + " failed with "
                + r.getErrorStatusText() + hint);
    }

    private PDU newPdu(int type) {
        PDU pdu;
        if (options.version() == SnmpConstants.version3) {
            ScopedPDU scoped = new ScopedPDU();
            scoped.setContextName(new OctetString(options.context()));
            pdu = scoped;
        } else {
            pdu = new PDU();
        }
        pdu.setType(type);
        return pdu;
    }

    private PDU send(PDU pdu, String what) {
        long parseErrorsBefore = parseErrors.sum();
        ResponseEvent<UdpAddress> event;
        try {
            open();
            event = snmp.send(pdu, target);
        } catch (IOException e) {
            throw new DriverException(DriverErrorKind.REFUSED, device.describe() + ": cannot send " + what + ": "
                    + e.getMessage(), e);
        }
        if (event.getError() != null) {
            throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": " + what + " failed: "
                    + event.getError().getMessage(), event.getError());
        }
        PDU response = event.getResponse();
        long waited = target.getTimeout() * (target.getRetries() + 1L);
        if (response == null) {
            long garbage = parseErrors.sum() - parseErrorsBefore;
            if (garbage > 0) {
                throw new DriverException(DriverErrorKind.PROTOCOL, device.describe() + ": " + what + " got "
                        + garbage + " answer(s) that are not valid SNMP (malformed BER) and no valid response");
            }
            String hint = options.version() == SnmpConstants.version3
                    ? "check the agent is running and the user's authentication and privacy passphrases and protocols"
                            + " (a wrong privacy passphrase gets no answer at all, and SNMP4J does not pass on the"
                            + " unauthenticated wrong-digest report)"
                    : "check the agent is running and the community in credentials (agents ignore requests with a"
                            + " wrong community)";
            throw new DriverException(DriverErrorKind.TIMEOUT, device.describe() + ": no " + options.describe()
                    + " response to " + what + " within " + waited + " ms (" + (target.getRetries() + 1)
                    + " attempts); " + hint);
        }
        if (response.getType() == PDU.REPORT) {
            throw reportError(response, what);
        }
        return response;
    }

    private DriverException reportError(PDU report, String what) {
        OID oid = report.size() > 0 ? report.get(0).getOid() : new OID();
        String reason;
        DriverErrorKind kind = DriverErrorKind.AUTH;
        if (oid.startsWith(SnmpConstants.usmStatsUnknownUserNames)) {
            reason = "unknown user '" + options.user().orElse("") + "'";
        } else if (oid.startsWith(SnmpConstants.usmStatsWrongDigests)) {
            reason = "wrong authentication passphrase or protocol";
        } else if (oid.startsWith(SnmpConstants.usmStatsDecryptionErrors)) {
            reason = "wrong privacy passphrase or protocol";
        } else if (oid.startsWith(SnmpConstants.usmStatsUnsupportedSecLevels)) {
            reason = "security level not supported for this user";
        } else if (oid.startsWith(SnmpConstants.usmStatsUnknownEngineIDs)) {
            reason = "engine id discovery failed";
        } else {
            kind = DriverErrorKind.PROTOCOL;
            reason = "report " + oid;
        }
        return new DriverException(kind, device.describe() + ": " + what + " refused by the agent: " + reason
                + " (" + options.describe() + ")");
    }

    private void open() throws IOException {
        if (snmp != null) {
            return;
        }
        SnmpSecurity.register();
        UdpAddress address;
        try {
            address = new UdpAddress(InetAddress.getByName(device.endpoint().host()), device.endpoint().port());
        } catch (UnknownHostException e) {
            throw new DriverException(DriverErrorKind.REFUSED, device.describe() + ": unknown host", e);
        }
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addCounterListener(this::count);
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        Target<UdpAddress> t;
        if (options.version() == SnmpConstants.version3) {
            USM usm = new USM(SecurityProtocols.getInstance(), new OctetString(MPv3.createLocalEngineID()), 0);
            OctetString user = new OctetString(options.user().orElseThrow());
            usm.addUser(new UsmUser(user, options.authProtocol().orElse(null),
                    options.authPassphrase().map(s -> new OctetString(s.reveal())).orElse(null),
                    options.privProtocol().orElse(null),
                    options.privPassphrase().map(s -> new OctetString(s.reveal())).orElse(null)));
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            UserTarget<UdpAddress> ut = new UserTarget<>();
            ut.setSecurityName(user);
            ut.setSecurityLevel(options.securityLevel());
            ut.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
            t = ut;
        } else {
            CommunityTarget<UdpAddress> ct = new CommunityTarget<>();
            ct.setCommunity(new OctetString(options.community().orElseThrow().reveal()));
            t = ct;
        }
        t.setAddress(address);
        t.setVersion(options.version());
        t.setTimeout(device.timeout().toMillis());
        t.setRetries(device.retries());
        Snmp s = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        s.listen();
        snmp = s;
        target = t;
    }

    private void count(CounterEvent event) {
        // What SNMP4J counts for datagrams it cannot decode: not a SEQUENCE, broken BER, unknown version.
        OID oid = event.getOid();
        if (SnmpConstants.snmpInASNParseErrs.equals(oid) || SnmpConstants.snmpInvalidMsgs.equals(oid)
                || SnmpConstants.snmpInBadVersions.equals(oid)) {
            parseErrors.increment();
        }
    }

    /** Closes the transport; never throws. */
    @Override
    public void close() {
        if (snmp != null) {
            try {
                snmp.close();
            } catch (IOException e) {
                // Closing a UDP socket that is already gone leaves nothing to release.
            }
            snmp = null;
        }
    }
}
