package org.dcsuite.core.series;

import java.util.List;

/**
 * The health series the collectors write for every device after every poll, carrying the device's topology
 * attributes (like Prometheus's {@code up} and {@code scrape_duration_seconds}). A contract between the collectors,
 * which write them, and the views and rules that read them.
 */
public final class DeviceHealthMetrics {

    /** 1 when the last poll read the device, 0 when it failed as a whole. */
    public static final MetricDescriptor UP = new MetricDescriptor("dcsuite.device.up", Unit.ONE, MetricKind.GAUGE,
            "1 when the last poll of the device succeeded, 0 when it failed");
    /** How long the last poll took, in seconds. */
    public static final MetricDescriptor POLL_DURATION = new MetricDescriptor("dcsuite.device.poll.duration",
            Unit.SECOND, MetricKind.GAUGE, "Duration of the last poll of the device");
    /**
     * Failed polls and failed points since the collector started, by attribute {@code kind} (the lowercase
     * {@code DriverErrorKind} of the drivers); every kind is written from the first poll on, starting at 0.
     */
    public static final MetricDescriptor ERRORS = new MetricDescriptor("dcsuite.device.errors", Unit.of("{error}"),
            MetricKind.COUNTER, "Poll and point errors of the device by kind");
    /** When the device was last read successfully, in seconds since the epoch; absent until the first success. */
    public static final MetricDescriptor LAST_SUCCESS = new MetricDescriptor("dcsuite.device.last_success",
            Unit.SECOND, MetricKind.GAUGE, "Unix time of the last successful poll of the device");

    /** The attribute of {@link #ERRORS} naming the error kind. */
    public static final String KIND_ATTRIBUTE = "kind";
    /** The topology attribute naming the device, on every health series. */
    public static final String DEVICE_ATTRIBUTE = "device";

    private DeviceHealthMetrics() {
    }

    /** Every health metric, for describing them to a store. */
    public static List<MetricDescriptor> all() {
        return List.of(UP, POLL_DURATION, ERRORS, LAST_SUCCESS);
    }
}
