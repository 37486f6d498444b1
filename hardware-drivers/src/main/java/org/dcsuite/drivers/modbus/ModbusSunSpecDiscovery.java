package org.dcsuite.drivers.modbus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * Finds a SunSpec device's models: the {@code SunS} marker at 40000 (or 0, or 50000), then the chain of models,
 * each an id and a length, up to the end marker 0xFFFF (SunSpec Information Model Specification 1.0, "Device
 * Modbus Map"). Each model a profile knows contributes its points at the model's address.
 */
final class ModbusSunSpecDiscovery {

    /** Where SunSpec devices put the marker, in the order the specification recommends trying them. */
    static final List<Integer> BASE_ADDRESSES = List.of(40000, 0, 50000);
    /** "SunS" as two registers. */
    private static final int MARKER_HI = 0x5375;
    private static final int MARKER_LO = 0x6E53;
    private static final int END = 0xFFFF;
    /** A bound on the chain so a device answering garbage cannot keep us walking. */
    private static final int MAX_MODELS = 64;

    private ModbusSunSpecDiscovery() {
    }

    /**
     * The points of every model of the device that one of the profiles knows, at their absolute addresses.
     *
     * @throws DriverException UNSUPPORTED when there is no marker or no known model
     */
    static List<ModbusPoint> discover(ModbusTcpClient client, List<ModbusProfile> profiles,
            List<String> profileNames) {
        Optional<Integer> base = findMarker(client);
        if (base.isEmpty()) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, client.describe()
                    + ": no SunSpec marker at 40000/0/50000; give --profile (available: "
                    + String.join(", ", profileNames) + ")");
        }
        List<ModbusPoint> points = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        Set<ModbusProfile.SunSpecModel> used = new HashSet<>();
        int address = base.get() + 2;
        for (int i = 0; i < MAX_MODELS && address + 1 <= 65535; i++) {
            int[] header;
            try {
                header = client.readRegisters(ModbusFunction.HOLDING, address, 2);
            } catch (ModbusTcpClient.ModbusExceptionResponse e) {
                // Some devices omit the end marker; the first unreadable header ends the chain.
                break;
            }
            if (header[0] == END) {
                break;
            }
            int id = header[0];
            int length = header[1];
            seen.add(id);
            int data = address + 2;
            for (ModbusProfile profile : profiles) {
                Optional<ModbusProfile.SunSpecModel> model = profile.model(id);
                // A second instance of the same model would repeat point names; the first one is used.
                if (model.isPresent() && used.add(model.get())) {
                    for (ModbusPoint p : model.get().points()) {
                        if (p.end() <= length) {
                            points.add(p.relocate(data));
                        }
                    }
                    break;
                }
            }
            address = data + length;
        }
        if (points.isEmpty()) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, client.describe() + ": SunSpec device at "
                    + base.get() + " has models " + seen + ", none known to profile(s) "
                    + profiles.stream().map(ModbusProfile::name).toList());
        }
        return points;
    }

    private static Optional<Integer> findMarker(ModbusTcpClient client) {
        for (int base : BASE_ADDRESSES) {
            try {
                int[] r = client.readRegisters(ModbusFunction.HOLDING, base, 2);
                if (r[0] == MARKER_HI && r[1] == MARKER_LO) {
                    return Optional.of(base);
                }
            } catch (ModbusTcpClient.ModbusExceptionResponse e) {
                // An address the device does not have: try the next base.
            }
        }
        return Optional.empty();
    }
}
