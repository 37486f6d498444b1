package org.dcsuite.drivers.snmp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Chooses a profile for a device configured without one: first by sysObjectID (the longest enterprise prefix a
 * profile declares, e.g. APC 1.3.6.1.4.1.318, Raritan 1.3.6.1.4.1.13742), else by which standard MIB the agent
 * answers (a profile's {@code detect.probe} subtree is not empty), the highest {@code detect.priority} first.
 */
final class SnmpProfileDetector {

    /** SNMPv2-MIB sysObjectID.0. */
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");

    private SnmpProfileDetector() {
    }

    static SnmpProfile detect(DeviceTarget target, SnmpClient client, Collection<SnmpProfile> profiles) {
        Map<OID, SnmpClient.Failure> failures = new LinkedHashMap<>();
        Variable sysObjectId = client.get(List.of(SYS_OBJECT_ID), failures).get(SYS_OBJECT_ID);
        Optional<SnmpProfile> bySysObjectId = sysObjectId instanceof OID id ? bySysObjectId(id, profiles)
                : Optional.empty();
        if (bySysObjectId.isPresent()) {
            return bySysObjectId.get();
        }
        List<SnmpProfile> probed = profiles.stream().filter(p -> p.detect().probe().isPresent())
                .sorted(Comparator.comparingInt((SnmpProfile p) -> p.detect().priority()).reversed()
                        .thenComparing(SnmpProfile::name))
                .toList();
        List<OID> probes = new ArrayList<>();
        probed.forEach(p -> probes.add(p.detect().probe().get()));
        Map<OID, Boolean> answered = client.answers(probes);
        for (SnmpProfile p : probed) {
            if (answered.getOrDefault(p.detect().probe().get(), false)) {
                return p;
            }
        }
        throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": no snmp profile matches"
                + " sysObjectID " + (sysObjectId == null ? "(none)" : sysObjectId)
                + " and the agent answers none of the standard MIBs probed; configure a profile");
    }

    static Optional<SnmpProfile> bySysObjectId(OID id, Collection<SnmpProfile> profiles) {
        SnmpProfile best = null;
        int bestLength = -1;
        for (SnmpProfile p : profiles) {
            for (OID prefix : p.detect().sysObjectIds()) {
                if (id.startsWith(prefix) && prefix.size() > bestLength) {
                    best = p;
                    bestLength = prefix.size();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
