package org.dcsuite.simulator.events;

import java.util.Objects;

/**
 * One condition of one device, the identity under which it starts and ends.
 *
 * @param subject the part concerned: a phase ({@code L1}), a fan or PSU id; empty for the whole device
 */
public record SimCondition(String deviceId, SimConditionType type, String subject) {

    public SimCondition {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
    }
}
