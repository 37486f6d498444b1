package org.dcsuite.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.dcsuite.core.model.Ids;

/**
 * A deferrable batch job of a site: while it runs it adds {@code powerW} of IT (server DC) load, spread over the
 * site's servers in proportion to their dynamic range; PSU losses come on top. Load shifting moves its start.
 */
public record BatchJob(String id, Instant start, Duration duration, double powerW) {

    public BatchJob {
        Ids.require(id, "batch job id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("batch job '" + id + "': duration must be greater than zero");
        }
        if (!(powerW >= 0) || Double.isInfinite(powerW)) {
            throw new IllegalArgumentException("batch job '" + id + "': power must be a finite number >= 0");
        }
    }

    public Instant end() {
        return start.plus(duration);
    }

    public boolean runningAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end());
    }

    public BatchJob withStart(Instant newStart) {
        return new BatchJob(id, newStart, duration, powerW);
    }
}
