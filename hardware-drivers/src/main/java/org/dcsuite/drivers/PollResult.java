package org.dcsuite.drivers;

import java.util.List;
import java.util.Objects;

/**
 * What one poll of one device produced: the readings that worked and an error for each point that did not
 * (Telegraf's accumulator holds values and per-device errors side by side).
 */
public record PollResult(String deviceId, List<Reading> readings, List<PointError> errors) {

    public PollResult {
        Objects.requireNonNull(deviceId, "deviceId");
        readings = List.copyOf(readings);
        errors = List.copyOf(errors);
    }
}
