package org.dcsuite.collectors.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.event.EventQuery;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.TelemetryStore;

/**
 * A real store behind every call, for test stores that inject faults into a few calls and override only those.
 */
public abstract class ForwardingTelemetryStore implements TelemetryStore {

    protected final TelemetryStore delegate;

    protected ForwardingTelemetryStore(TelemetryStore delegate) {
        this.delegate = delegate;
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
    public void appendEvents(Collection<DeviceEvent> events) {
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
        return delegate.describeLocation();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
