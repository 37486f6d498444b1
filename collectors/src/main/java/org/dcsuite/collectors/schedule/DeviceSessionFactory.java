package org.dcsuite.collectors.schedule;

import java.time.Clock;
import org.dcsuite.core.model.DeviceLocation;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;

/** Opens the session the scheduler polls a device through; the default goes to the device's protocol driver. */
@FunctionalInterface
public interface DeviceSessionFactory {

    /** The drivers on the class path, found by the device's endpoint protocol. */
    DeviceSessionFactory DRIVERS = (location, clock) -> DeviceDrivers
            .forProtocol(location.device().endpoint().protocol()).open(DeviceTarget.of(location.device(), clock));

    /**
     * Opens a session; may throw {@link org.dcsuite.drivers.DriverException}, which the scheduler counts as a
     * failed poll and retries at the next slot.
     */
    DeviceSession open(DeviceLocation location, Clock clock);
}
