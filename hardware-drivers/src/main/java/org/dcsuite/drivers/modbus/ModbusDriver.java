package org.dcsuite.drivers.modbus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.dcsuite.drivers.DeviceDriver;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * The Modbus TCP driver ({@code modbus://host:port?unit=N}): profiles as YAML data, reads merged into as few
 * requests as the protocol allows, SunSpec discovery when no profile is given, and writes of points a profile marks
 * writable. The options and profile format are in this package's README.
 */
public final class ModbusDriver implements DeviceDriver {

    /** Option: unused registers read through to merge two reads into one. */
    public static final String GAP_FILL = "modbus.gap_fill";
    /** Option: the most registers one read asks for (some devices answer fewer than the protocol's 125). */
    public static final String MAX_REGISTERS = "modbus.max_registers";
    /** Ten registers: a 20-byte longer answer costs far less than another round trip. */
    public static final int DEFAULT_GAP_FILL = 10;
    /** The protocol's limit for function 3 and 4 reads. */
    public static final int DEFAULT_MAX_REGISTERS = 125;

    private static final List<String> OPTIONS = List.of(GAP_FILL, MAX_REGISTERS);

    /** For {@link java.util.ServiceLoader}. */
    public ModbusDriver() {
    }

    @Override
    public String protocol() {
        return "modbus";
    }

    @Override
    public SortedSet<String> profileNames() {
        return ModbusProfileLoader.SHIPPED;
    }

    @Override
    public DeviceSession open(DeviceTarget target) {
        for (String key : target.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": unknown option '" + key
                        + "' (Modbus options: " + String.join(", ", OPTIONS) + ")");
            }
        }
        int maxRegisters = intOption(target, MAX_REGISTERS, DEFAULT_MAX_REGISTERS, 1, 125);
        int gapFill = intOption(target, GAP_FILL, DEFAULT_GAP_FILL, 0, 124);
        Optional<ModbusProfile> profile;
        try {
            profile = target.profile().map(ModbusProfileLoader::shipped);
        } catch (DriverException e) {
            throw new DriverException(e.kind(), target.describe() + ": " + e.getMessage(), e);
        }
        return new ModbusSession(target, profile, List.copyOf(profileNames()), gapFill, maxRegisters);
    }

    private static int intOption(DeviceTarget target, String key, int defaultValue, int min, int max) {
        Map<String, String> options = target.options();
        if (!options.containsKey(key)) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(options.get(key).trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": option " + key + " must be an "
                + "integer " + min + "-" + max + ", got '" + options.get(key) + "'");
    }
}
