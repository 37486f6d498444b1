package org.dcsuite.simulator.traffic;

import java.util.List;

/**
 * One simulated request as its spans will tell it: the service's own time is split around the segments, which
 * follow one another.
 *
 * @param startNanos epoch nanoseconds
 * @param route      the route it was for
 * @param status     the HTTP status it was answered with (5xx when it failed)
 * @param segments   the child segments in the order they ran, without {@link TrafficSegment#APP}
 * @param appNanos   the service's own time
 */
record SimulatedRequest(long startNanos, TrafficRoute route, int status, List<SegmentTime> segments,
        long appNanos) {

    /** One segment's time within a request. */
    record SegmentTime(TrafficSegment segment, long nanos) {
    }

    boolean failed() {
        return status >= 500;
    }

    long durationNanos() {
        return appNanos + segments.stream().mapToLong(SegmentTime::nanos).sum();
    }
}
