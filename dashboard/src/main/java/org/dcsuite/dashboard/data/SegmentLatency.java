package org.dcsuite.dashboard.data;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One request segment of a latency SLO's service: its newest p95 and p99 ({@code trace.segment.duration.quantile}, in
 * seconds, the slowest route's) against the target the SLI gives it.
 *
 * @param p95Route the route whose p95 is shown; empty when there is none
 * @param p99Route the route whose p99 is shown; empty when there is none
 */
public record SegmentLatency(String segment, OptionalDouble p95Seconds, Optional<String> p95Route,
        OptionalDouble p99Seconds, Optional<String> p99Route, Optional<Duration> target) {

    public SegmentLatency {
        Objects.requireNonNull(segment, "segment");
    }

    /** Whether a quantile of this segment is above its target (false without either). */
    public boolean exceeds(OptionalDouble seconds) {
        return target.isPresent() && seconds.isPresent() && seconds.getAsDouble() * 1000 > target.get().toMillis();
    }
}
