package org.dcsuite.drivers.snmp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.ControlResult;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/** One device: its {@link SnmpClient}, its profile (configured or detected at the first poll) and decoder. */
final class SnmpSession implements DeviceSession {

    private static final Pattern TARGET = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final DeviceTarget target;
    private final SnmpClient client;
    private SnmpProfile profile;
    private SnmpDecoder decoder;

    SnmpSession(DeviceTarget target, SnmpOptions options, Optional<SnmpProfile> profile) {
        this.target = target;
        this.client = new SnmpClient(target, options);
        profile.ifPresent(this::use);
    }

    private void use(SnmpProfile p) {
        profile = p;
        decoder = new SnmpDecoder(p);
    }

    @Override
    public PollResult poll() {
        if (profile == null) {
            use(SnmpProfileDetector.detect(target, client, SnmpProfiles.all().values()));
        }
        Map<OID, SnmpClient.Failure> failures = new LinkedHashMap<>();
        List<OID> scalarOids = decoder.scalarOids();
        Map<OID, Variable> scalars = scalarOids.isEmpty() ? Map.of() : client.get(scalarOids, failures);
        List<OID> columns = decoder.columns();
        Map<OID, TreeMap<OID, Variable>> walked = columns.isEmpty() ? Map.of() : client.walk(columns);
        SnmpDecoder.Result r = decoder.decode(scalars, failures, walked, target.clock().instant());
        return new PollResult(target.deviceId(), r.readings(), r.errors());
    }

    /** The profile in use: configured, or detected by the first poll. */
    Optional<SnmpProfile> profile() {
        return Optional.ofNullable(profile);
    }

    @Override
    public ControlResult control(ControlRequest request) {
        if (profile == null) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": control '"
                    + request.action() + "' needs a profile; poll once to detect it or configure one");
        }
        SnmpProfile.Control c = profile.controls().stream().filter(x -> x.action().equals(request.action()))
                .findFirst().orElseThrow(() -> new DriverException(DriverErrorKind.UNSUPPORTED, target.describe()
                        + ": profile " + profile.name() + " offers no control '" + request.action() + "'"
                        + (profile.controls().isEmpty() ? "" : " (it offers "
                                + profile.controls().stream().map(SnmpProfile.Control::action).toList() + ")")));
        if (!TARGET.matcher(request.target()).matches()) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + request.action()
                    + " target '" + request.target() + "' must be a number such as an outlet number");
        }
        String value = request.parameters().get(c.parameter());
        if (value == null || !c.values().containsKey(value)) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + request.action()
                    + " needs parameter " + c.parameter() + " = one of " + c.values().keySet()
                    + (value == null ? "" : ", got '" + value + "'"));
        }
        String index = SnmpDecoder.renderOne(c.index(), ref -> request.target());
        OID oid = new OID(c.oid()).append(new OID(index));
        int setTo = c.values().get(value);
        client.set(oid, new Integer32(setTo));
        return new ControlResult(request.action() + " " + request.target() + " " + c.parameter() + "=" + value
                + ": SET " + oid + " = " + setTo + " accepted by " + target.describe());
    }

    @Override
    public void close() {
        client.close();
    }
}
