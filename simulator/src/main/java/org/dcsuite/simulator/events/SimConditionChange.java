package org.dcsuite.simulator.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A condition that started or ended, with the reading that made it so.
 *
 * @param at        the simulated time at which it was seen
 * @param value     the reading: runtime in s (UPS), current in A (overload), inlet in Cel, fan speed in rpm, PSU
 *                  input in V, 0 or 1 for states
 * @param threshold the limit the reading was compared with, in the same unit; 0 for states
 */
public record SimConditionChange(SimCondition condition, boolean started, Instant at, double value,
        double threshold) {

    public SimConditionChange {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(at, "at");
    }

    public String deviceId() {
        return condition.deviceId();
    }

    public SimConditionType type() {
        return condition.type();
    }
}
