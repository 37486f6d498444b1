package org.dcsuite.drivers.redfish;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dcsuite.drivers.DeviceDriver;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * The Redfish driver ({@code redfish://} for plain HTTP labs and mockups, {@code https://} for BMCs, PDUs and
 * cooling units). A Redfish service describes itself, so the profile is optional and defaults to
 * {@value RedfishMapping#GENERIC}; options and metrics are listed in this package's README.
 */
public final class RedfishDriver implements DeviceDriver {

    public RedfishDriver() {
        // Found by ServiceLoader; all state lives in the sessions.
    }

    @Override
    public String protocol() {
        return "redfish";
    }

    @Override
    public SortedSet<String> profileNames() {
        return new TreeSet<>(List.of(RedfishMapping.GENERIC));
    }

    @Override
    public DeviceSession open(DeviceTarget target) {
        String profile = target.profile().orElse(RedfishMapping.GENERIC);
        RedfishMapping mapping = RedfishMapping.load(profile).orElseThrow(() -> new DriverException(
                DriverErrorKind.CONFIG, target.describe() + ": unknown Redfish profile '" + profile + "' (available: "
                        + profileNames() + ")"));
        return new RedfishSession(target, RedfishOptions.parse(target), mapping);
    }
}
