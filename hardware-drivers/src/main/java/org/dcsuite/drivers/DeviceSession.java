package org.dcsuite.drivers;

/**
 * A connection to one device, reused across polls. Not thread-safe: the collectors keep at most one poll in
 * flight per device.
 */
public interface DeviceSession extends AutoCloseable {

    /**
     * Reads every point the profile (or the service) offers. One bad point never loses the others: it becomes
     * a {@link PointError} beside the readings that worked.
     *
     * @throws DriverException when the device as a whole cannot be read (unreachable, timeout, authentication),
     *                         naming the device and protocol
     */
    PollResult poll();

    /**
     * Performs a control action (a Modbus write, an SNMP SET, a Redfish action) where the profile allows it.
     * Callers audit every call.
     *
     * @throws DriverException of kind {@link DriverErrorKind#UNSUPPORTED} when the device or profile offers no
     *                         such action, {@link DriverErrorKind#CONFIG} when a value is outside the allowed range
     */
    default ControlResult control(ControlRequest request) {
        throw new DriverException(DriverErrorKind.UNSUPPORTED, "control action '" + request.action()
                + "' is not supported by this driver");
    }

    /** Releases the connection (and, for Redfish, deletes the session). Never throws. */
    @Override
    void close();
}
