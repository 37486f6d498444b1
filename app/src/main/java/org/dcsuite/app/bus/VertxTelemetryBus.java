package org.dcsuite.app.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TelemetryBus} on the Vert.x event bus, at {@link TelemetryBus#SAMPLES_ADDRESS} and
 * {@link TelemetryBus#EVENTS_ADDRESS}. Messages carry {@link SampleBatch} and {@link DeviceEvent} through codecs that
 * pass the object itself within a JVM and JSON between cluster members, so a clustered bus needs no other change.
 *
 * <p>Consumers run on a Vert.x event loop: they must be quick and never block (hand blocking work to a worker).
 * A consumer that throws is logged here and does not affect the publisher or other consumers.
 */
public final class VertxTelemetryBus implements TelemetryBus {

    private static final Logger LOG = LoggerFactory.getLogger(VertxTelemetryBus.class);

    private final EventBus bus;

    private VertxTelemetryBus(EventBus bus) {
        this.bus = bus;
    }

    /** Registers the codecs on this Vert.x instance's event bus; call once per Vert.x instance. */
    public static VertxTelemetryBus on(Vertx vertx) {
        EventBus bus = Objects.requireNonNull(vertx, "vertx").eventBus();
        bus.registerDefaultCodec(SampleBatch.class, new SampleBatchCodec());
        bus.registerDefaultCodec(DeviceEvent.class, new DeviceEventCodec());
        return new VertxTelemetryBus(bus);
    }

    @Override
    public void publishSamples(List<Sample> samples) {
        if (!samples.isEmpty()) {
            bus.publish(SAMPLES_ADDRESS, new SampleBatch(samples));
        }
    }

    @Override
    public void publishEvent(DeviceEvent event) {
        bus.publish(EVENTS_ADDRESS, Objects.requireNonNull(event, "event"));
    }

    @Override
    public Subscription subscribeSamples(Consumer<List<Sample>> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        MessageConsumer<SampleBatch> registration = bus.consumer(SAMPLES_ADDRESS, message -> {
            try {
                consumer.accept(message.body().samples());
            } catch (RuntimeException e) {
                LOG.warn("a consumer of {} failed: {}", SAMPLES_ADDRESS, e.toString(), e);
            }
        });
        return registration::unregister;
    }

    @Override
    public Subscription subscribeEvents(Consumer<DeviceEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        MessageConsumer<DeviceEvent> registration = bus.consumer(EVENTS_ADDRESS, message -> {
            try {
                consumer.accept(message.body());
            } catch (RuntimeException e) {
                LOG.warn("a consumer of {} failed: {}", EVENTS_ADDRESS, e.toString(), e);
            }
        });
        return registration::unregister;
    }
}
