package org.dcsuite.dashboard.data;

/** The series the collectors write about every polled device (docs/metrics.md, "Device health"). */
final class HealthMetrics {

    static final String UP = "dcsuite.device.up";
    static final String POLL_DURATION = "dcsuite.device.poll.duration";
    static final String ERRORS = "dcsuite.device.errors";
    static final String LAST_SUCCESS = "dcsuite.device.last_success";
    static final String DEVICE_LABEL = "device";
    static final String ERROR_KIND_LABEL = "kind";

    private HealthMetrics() {
    }
}
