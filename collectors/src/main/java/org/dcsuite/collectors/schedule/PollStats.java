package org.dcsuite.collectors.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one device's polling, for tests, logs and {@code /metrics}.
 *
 * @param polls               polls started
 * @param successes           polls that read the device
 * @param failures            polls that failed as a whole
 * @param overruns            slots skipped because the previous poll was still running
 * @param consecutiveFailures unreachable (timeout, refused) failures since the last success
 * @param currentDelay        the delay until the next poll: the interval, or longer while backing off
 * @param nextPoll            when the next poll is due
 */
public record PollStats(long polls, long successes, long failures, long overruns, int consecutiveFailures,
        Duration currentDelay, Instant nextPoll) {
}
