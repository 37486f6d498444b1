package org.dcsuite.collectors.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;

/**
 * A real store with injected faults: while {@link #down} is set event writes fail as a store that is down does
 * (retryable); a batch holding an event {@link #invalid} matches is refused for good, as bad input is. Every call
 * is counted and every batch that got through is recorded in order.
 */
final class SwitchableEventStore implements TelemetryStore {

    private final TelemetryStore delegate;
    volatile boolean down;
    volatile Predicate<DeviceEvent> invalid = e -> false;
    final AtomicInteger failedCalls = new AtomicInteger();
    final List<List<DeviceEvent>> batches = new CopyOnWriteArrayList<>();

    SwitchableEventStore(TelemetryStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void appendEvents(Collection<DeviceEvent> events) {
        if (down) {
            failedCalls.incrementAndGet();
            throw new StoreException("store down (injected)", true);
        }
        if (events.stream().anyMatch(invalid)) {
            failedCalls.incrementAndGet();
            throw new StoreException("invalid event (injected)", false);
        }
        delegate.appendEvents(events);
        batches.add(List.copyOf(events));
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        return delegate.events(query);
    }

    @Override
    public void describe(MetricDescriptor metric) {
        delegate.describe(metric);
    }

    @Override
    public void append(Collection<Sample> samples) {
        delegate.append(samples);
    }

    @Override
    public List<SeriesInfo> series(List<SeriesSelector> selectors) {
        return delegate.series(selectors);
    }

    @Override
    public List<String> labelNames(List<SeriesSelector> selectors) {
        return delegate.labelNames(selectors);
    }

    @Override
    public List<String> labelValues(String label, List<SeriesSelector> selectors) {
        return delegate.labelValues(label, selectors);
    }

    @Override
    public List<RangeSeries> query(RangeQuery query) {
        return delegate.query(query);
    }

    @Override
    public List<Sample> latest(SeriesSelector selector, Instant at, Duration lookback) {
        return delegate.latest(selector, at, lookback);
    }

    @Override
    public void refreshRollups() {
        delegate.refreshRollups();
    }

    @Override
    public RetentionResult applyRetention(Instant now) {
        return delegate.applyRetention(now);
    }

    @Override
    public String describeLocation() {
        return delegate.describeLocation();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
