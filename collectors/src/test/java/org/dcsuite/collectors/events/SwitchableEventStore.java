package org.dcsuite.collectors.events;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dcsuite.collectors.testing.ForwardingTelemetryStore;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;

/**
 * A real store with injected faults: while {@link #down} is set event writes fail as a store that is down does
 * (retryable); a batch holding an event {@link #invalid} matches is refused for good, as bad input is. Every call
 * is counted and every batch that got through is recorded in order.
 */
final class SwitchableEventStore extends ForwardingTelemetryStore {

    volatile boolean down;
    volatile Predicate<DeviceEvent> invalid = e -> false;
    final AtomicInteger failedCalls = new AtomicInteger();
    final List<List<DeviceEvent>> batches = new CopyOnWriteArrayList<>();

    SwitchableEventStore(TelemetryStore delegate) {
        super(delegate);
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
}
