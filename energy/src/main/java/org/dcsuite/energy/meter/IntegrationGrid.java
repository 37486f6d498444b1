package org.dcsuite.energy.meter;

import java.time.Duration;
import java.time.Instant;

/**
 * The buckets a report integrates over: bucket {@code i} is the time span {@code (start + i*width,
 * start + (i+1)*width]}, left-open like the store's query windows, so bucket {@code i} is the store's window
 * labelled at its end.
 *
 * @param startMillis the start of the first bucket
 * @param widthMillis the resolution
 * @param count       the number of buckets
 */
public record IntegrationGrid(long startMillis, long widthMillis, int count) {

    public IntegrationGrid {
        if (widthMillis <= 0 || count < 0) {
            throw new IllegalArgumentException("a grid needs a positive width and a count of zero or more");
        }
    }

    /**
     * The grid from {@code from} to {@code to} at {@code resolution}.
     *
     * @throws IllegalArgumentException when the range does not start and end on whole buckets since the epoch,
     *                                  which keeps buckets on the store's rollup boundaries
     */
    public static IntegrationGrid of(Instant from, Instant to, Duration resolution) {
        long width = resolution.toMillis();
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        if (b <= a) {
            throw new IllegalArgumentException("the end " + to + " must be after the start " + from);
        }
        if (Math.floorMod(a, width) != 0 || Math.floorMod(b, width) != 0) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " must start and end on whole "
                    + org.dcsuite.core.time.Durations.format(resolution) + " (the integration resolution)");
        }
        long count = (b - a) / width;
        if (count > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " has too many buckets of "
                    + resolution + ": use a coarser resolution");
        }
        return new IntegrationGrid(a, width, (int) count);
    }

    public long endMillis() {
        return startMillis + widthMillis * count;
    }

    /** The start of bucket {@code i} (exclusive) and end of bucket {@code i - 1}. */
    public long edgeMillis(int i) {
        return startMillis + widthMillis * i;
    }

    /** The index of the bucket that starts at {@code millis}, which must be a bucket edge of this grid. */
    public int indexOfEdge(long millis) {
        long offset = millis - startMillis;
        if (Math.floorMod(offset, widthMillis) != 0) {
            throw new IllegalArgumentException(Instant.ofEpochMilli(millis) + " is not a bucket edge");
        }
        return (int) (offset / widthMillis);
    }

    public double widthHours() {
        return widthMillis / 3_600_000.0;
    }

    /** This grid widened by {@code before} buckets before its start and {@code after} after its end. */
    IntegrationGrid widened(int before, int after) {
        return new IntegrationGrid(startMillis - before * widthMillis, widthMillis, count + before + after);
    }
}
