package org.dcsuite.collectors.write;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * A fault injector around a real store: while {@link #down} is set, writes fail with a retryable exception as a
 * store that is down would; every batch that got through is recorded in order.
 */
final class FlakyStore implements TelemetryStore {

    private final TelemetryStore delegate;
    volatile boolean down;
    volatile boolean rejectAsInvalid;
    /** When set, appends wait for it to open, as a store stuck on a slow write would. */
    volatile CountDownLatch hold;
    final List<List<Sample>> appended = new CopyOnWriteArrayList<>();
    final List<MetricDescriptor> described = new CopyOnWriteArrayList<>();

    FlakyStore(TelemetryStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void describe(MetricDescriptor metric) {
        if (down) {
            throw new StoreException("store down (injected)", true);
        }
        delegate.describe(metric);
        described.add(metric);
    }

    @Override
    public void append(Collection<Sample> samples) {
        if (down) {
            throw new StoreException("store down (injected)", true);
        }
        CountDownLatch gate = hold;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held (injected)", true);
            }
        }
        if (rejectAsInvalid) {
            throw new StoreException("invalid sample (injected)", false);
        }
        delegate.append(samples);
        appended.add(List.copyOf(samples));
    }

    @Override
    public void appendEvents(Collection<DeviceEvent> events) {
        if (down) {
            throw new StoreException("store down (injected)", true);
        }
        delegate.appendEvents(events);
    }

    @Override
    public List<DeviceEvent> events(EventQuery query) {
        return delegate.events(query);
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
        return "flaky " + delegate.describeLocation();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
