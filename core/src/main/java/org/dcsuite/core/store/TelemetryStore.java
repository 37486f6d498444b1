package org.dcsuite.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;

/**
 * Where samples live. Implementations are plain blocking Java and safe for use from several threads; the
 * caller decides which threads run them (never a Vert.x event loop).
 *
 * <p>Every implementation passes the same compatibility kit ({@code TelemetryStoreCompatibilityKit} in
 * the storage module's tests).
 */
public interface TelemetryStore extends AutoCloseable {

    /**
     * Records a metric's unit and kind. Series of the metric created afterwards carry its unit; describing a
     * metric again with another unit or kind updates it for new series. Idempotent.
     */
    void describe(MetricDescriptor metric);

    /**
     * Appends samples, creating series on first sight. Samples may arrive out of order and for any time the
     * retention still keeps; duplicates (same series and time) are stored as given. When this returns the
     * samples are durable; when it throws, none or all of them were stored and the exception tells whether a
     * retry may succeed.
     */
    void append(Collection<Sample> samples);

    /**
     * Stores device events with their labels and details. Same durability and failure rules as {@link #append};
     * events follow the minute-rollup retention (a year by default), since they are rare and explain long ranges.
     */
    void appendEvents(Collection<DeviceEvent> events);

    /** Stored events matching the query, newest first. */
    List<DeviceEvent> events(EventQuery query);

    /** Series matched by any of the selectors (all series when the list is empty), sorted by key. */
    List<SeriesInfo> series(List<SeriesSelector> selectors);

    /**
     * Label names of the series matched by any selector (all series when empty), including
     * {@code __name__}, sorted.
     */
    List<String> labelNames(List<SeriesSelector> selectors);

    /** Distinct values of one label ({@code __name__} for metric names) over matched series, sorted. */
    List<String> labelValues(String label, List<SeriesSelector> selectors);

    /**
     * Evaluates a range query (see {@link RangeQuery} for the window semantics). Long ranges are served
     * from rollups when the step, window and start allow it, so the answer is the same as from raw data.
     * Series are sorted by key; series without points are left out.
     */
    List<RangeSeries> query(RangeQuery query);

    /**
     * The latest sample of each matched series whose time lies in {@code (at - lookback, at]}; series with
     * nothing in that span are stale and left out. Sorted by key.
     */
    List<Sample> latest(SeriesSelector selector, Instant at, Duration lookback);

    /**
     * Brings rollups up to date with everything appended so far (including late and backfilled samples).
     * Called periodically by the server and at the end of an import; cheap when nothing changed.
     */
    void refreshRollups();

    /** Deletes what the retention policy no longer keeps, as of {@code now}. */
    RetentionResult applyRetention(Instant now);

    /** A short description for logs and {@code /health}, without secrets. */
    String describeLocation();

    /** Flushes and releases connections; further calls fail. */
    @Override
    void close();

    /** What one retention run removed. */
    record RetentionResult(long rawSamples, long minuteRollups, long hourRollups, long events) {
    }
}
