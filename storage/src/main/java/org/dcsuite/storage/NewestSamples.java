package org.dcsuite.storage;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest sample of each series, for stores where every append passes through this process (DuckDB), so
 * {@link org.dcsuite.core.store.TelemetryStore#latest} at the present needs no scan. A series is <em>known</em>
 * once its newest stored sample was read from the database or it was created here; appends keep known series
 * current. Unknown series (stored before this process opened the file and not read since) are resolved by the
 * store under its write lock, so no append can slip between that read and the entry it produces.
 */
final class NewestSamples {

    /** A series' newest sample; {@link #EMPTY} when it has none. */
    record Newest(long timeMillis, double value) {

        /** Same order as the SQL path's {@code ORDER BY time DESC, value DESC}: NaN sorts above every number. */
        boolean isOlderThan(long otherTime, double otherValue) {
            return timeMillis < otherTime || (timeMillis == otherTime && Double.compare(value, otherValue) < 0);
        }
    }

    static final Newest EMPTY = new Newest(Long.MIN_VALUE, Double.NaN);

    private final ConcurrentHashMap<Long, Newest> bySeries = new ConcurrentHashMap<>();

    /** The newest sample, {@link #EMPTY}, or null when the series is not known yet. */
    Newest get(long seriesId) {
        return bySeries.get(seriesId);
    }

    /** Records what the database holds for a series (call under the store's write lock). */
    void known(long seriesId, Newest newest) {
        bySeries.put(seriesId, newest);
    }

    /** Keeps a known series current with a sample just committed; unknown series stay unknown. */
    void offer(long seriesId, long timeMillis, double value) {
        bySeries.computeIfPresent(seriesId,
                (id, current) -> current.isOlderThan(timeMillis, value) ? new Newest(timeMillis, value) : current);
    }

    /** Forgets entries retention may have deleted, so they are read again from what is left. */
    void forgetBefore(long cutoffMillis) {
        bySeries.values().removeIf(n -> n != EMPTY && n.timeMillis() < cutoffMillis);
    }
}
