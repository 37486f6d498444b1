package org.dcsuite.core.bus;

import java.util.List;
import java.util.function.Consumer;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.Sample;

/**
 * The live side of the data flow: what the collectors read, published as it is read, for consumers that react
 * instead of querying the store (alert rules, live energy figures, dashboard push). Publishing never blocks on a
 * consumer and never fails the publisher; a consumer that throws is logged by the implementation.
 *
 * <p>{@code dcsuite run} backs it with the Vert.x event bus on the addresses below, so feature modules depend on
 * this interface and not on Vert.x.
 */
public interface TelemetryBus {

    /** Where batches of samples go, as the architecture names it. */
    String SAMPLES_ADDRESS = "telemetry.samples";
    /** Where device events (traps, informs, Redfish events) go. */
    String EVENTS_ADDRESS = "device.events";

    /** Publishes one batch of samples to every samples consumer. */
    void publishSamples(List<Sample> samples);

    /** Publishes one device event to every events consumer. */
    void publishEvent(DeviceEvent event);

    /** Calls {@code consumer} with every batch published from now on, until the subscription is closed. */
    Subscription subscribeSamples(Consumer<List<Sample>> consumer);

    /** Calls {@code consumer} with every event published from now on, until the subscription is closed. */
    Subscription subscribeEvents(Consumer<DeviceEvent> consumer);

    /** Ends a subscription. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A bus that drops everything: for commands and tests that have no live consumers. */
    static TelemetryBus noop() {
        return NoopTelemetryBus.INSTANCE;
    }
}
