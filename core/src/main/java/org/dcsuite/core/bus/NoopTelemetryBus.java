package org.dcsuite.core.bus;

import java.util.List;
import java.util.function.Consumer;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.Sample;

/** See {@link TelemetryBus#noop()}. */
enum NoopTelemetryBus implements TelemetryBus {
    INSTANCE;

    @Override
    public void publishSamples(List<Sample> samples) {
    }

    @Override
    public void publishEvent(DeviceEvent event) {
    }

    @Override
    public Subscription subscribeSamples(Consumer<List<Sample>> consumer) {
        return () -> {
        };
    }

    @Override
    public Subscription subscribeEvents(Consumer<DeviceEvent> consumer) {
        return () -> {
        };
    }
}
