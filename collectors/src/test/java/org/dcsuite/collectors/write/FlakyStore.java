package org.dcsuite.collectors.write;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.dcsuite.collectors.testing.ForwardingTelemetryStore;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;

/**
 * A fault injector around a real store: while {@link #down} is set, writes fail with a retryable exception as a
 * store that is down would; every batch that got through is recorded in order.
 */
final class FlakyStore extends ForwardingTelemetryStore {

    volatile boolean down;
    volatile boolean rejectAsInvalid;
    /** When set, appends wait for it to open, as a store stuck on a slow write would. */
    volatile CountDownLatch hold;
    final List<List<Sample>> appended = new CopyOnWriteArrayList<>();
    final List<MetricDescriptor> described = new CopyOnWriteArrayList<>();

    FlakyStore(TelemetryStore delegate) {
        super(delegate);
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
    public String describeLocation() {
        return "flaky " + delegate.describeLocation();
    }
}
