package org.dcsuite.drivers;

import java.util.SortedSet;

/**
 * One protocol's driver, found with {@link java.util.ServiceLoader} by its {@link #protocol()} (the endpoint
 * scheme: {@code modbus}, {@code snmp}, {@code redfish}). A driver opens one {@link DeviceSession} per device;
 * sessions are plain blocking Java with explicit timeouts, and the caller decides which thread runs them
 * (never a Vert.x event loop).
 */
public interface DeviceDriver {

    /** The protocol this driver speaks, as written in endpoint schemes and configuration. */
    String protocol();

    /** Names of the device profiles this driver ships, for listings and "unknown profile" errors. */
    SortedSet<String> profileNames();

    /**
     * Opens a session for one device. Cheap: no I/O happens before the first poll, so an unreachable device
     * fails its polls, not this call.
     *
     * @throws DriverException of kind {@link DriverErrorKind#CONFIG} for an unknown profile or invalid options
     */
    DeviceSession open(DeviceTarget target);
}
