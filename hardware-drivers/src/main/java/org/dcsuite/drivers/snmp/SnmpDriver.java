package org.dcsuite.drivers.snmp;

import java.util.Optional;
import java.util.SortedSet;
import org.dcsuite.drivers.DeviceDriver;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * The SNMP driver ({@code snmp://host:port}): SNMPv1, v2c and v3 with GET and GETBULK table walks decoded by
 * YAML device profiles (ENTITY-SENSOR-MIB, UPS-MIB, HOST-RESOURCES-MIB, IF-MIB, APC PowerNet rPDU2, Raritan
 * PDU2), outlet control by SET. Options, profiles and metrics are listed in this package's README.
 */
public final class SnmpDriver implements DeviceDriver {

    /** The protocol name, as in {@code snmp://} endpoints. */
    public static final String PROTOCOL = "snmp";

    /** Loads the shipped profiles (once per class loader). */
    public SnmpDriver() {
        SnmpProfiles.names();
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public SortedSet<String> profileNames() {
        return SnmpProfiles.names();
    }

    /**
     * {@inheritDoc}
     *
     * <p>An empty profile is detected at the first poll from sysObjectID or the standard MIBs the agent answers.
     */
    @Override
    public DeviceSession open(DeviceTarget target) {
        SnmpOptions options = SnmpOptions.of(target);
        Optional<SnmpProfile> profile = Optional.empty();
        if (target.profile().isPresent()) {
            String name = target.profile().get();
            profile = Optional.of(SnmpProfiles.get(name).orElseThrow(() -> new DriverException(DriverErrorKind.CONFIG,
                    target.describe() + ": unknown snmp profile '" + name + "' (available: " + SnmpProfiles.names()
                            + ")")));
        }
        return new SnmpSession(target, options, profile);
    }
}
