package org.dcsuite.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dcsuite.core.time.Durations;
import org.dcsuite.core.time.Timestamps;

/** Times and durations given on the command line; a value that does not parse is a usage error naming its flag. */
final class FlagValues {

    private FlagValues() {
    }

    /** As {@link Timestamps#parse}: RFC 3339, unix seconds, {@code now} or {@code now-1h}. */
    static Instant time(String flag, String text, Clock now) {
        try {
            return Timestamps.parse(text, now);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    static Duration positiveDuration(String flag, String text) {
        try {
            return Durations.parsePositive(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }
}
