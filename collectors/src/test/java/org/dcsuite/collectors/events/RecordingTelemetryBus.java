package org.dcsuite.collectors.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.Sample;

/** A bus that keeps every published event, in order, for assertions. */
final class RecordingTelemetryBus implements TelemetryBus {

    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void publishSamples(List<Sample> samples) {
        // Device events are all these tests look at.
    }

    @Override
    public void publishEvent(DeviceEvent event) {
        events.add(event);
    }

    @Override
    public Subscription subscribeSamples(Consumer<List<Sample>> consumer) {
        return () -> { };
    }

    @Override
    public Subscription subscribeEvents(Consumer<DeviceEvent> consumer) {
        return () -> { };
    }
}
