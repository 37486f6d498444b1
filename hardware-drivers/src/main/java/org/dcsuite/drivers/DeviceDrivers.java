package org.dcsuite.drivers;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.dcsuite.core.model.Protocol;

/** Finds drivers by protocol through the {@link DeviceDriver}s on the class path. */
public final class DeviceDrivers {

    private DeviceDrivers() {
    }

    /** Every driver on the class path, by protocol. */
    public static TreeMap<String, DeviceDriver> all() {
        TreeMap<String, DeviceDriver> drivers = new TreeMap<>();
        for (DeviceDriver d : ServiceLoader.load(DeviceDriver.class)) {
            drivers.put(d.protocol(), d);
        }
        return drivers;
    }

    /**
     * The driver for a protocol; {@code https} endpoints are served by the Redfish driver.
     *
     * @throws DriverException of kind {@link DriverErrorKind#UNSUPPORTED} naming the drivers available
     */
    public static DeviceDriver forProtocol(Protocol protocol) {
        String name = protocol == Protocol.HTTPS ? Protocol.REDFISH.scheme() : protocol.scheme();
        TreeMap<String, DeviceDriver> drivers = all();
        DeviceDriver d = drivers.get(name);
        if (d == null) {
            List<String> available = new ArrayList<>(drivers.keySet());
            throw new DriverException(DriverErrorKind.UNSUPPORTED, "no driver for protocol '" + name
                    + "' (available: " + available + ")");
        }
        return d;
    }
}
