package org.dcsuite.app.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dcsuite.core.bus.TelemetryBus;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VertxTelemetryBusTest {

    private final Vertx vertx = Vertx.vertx();
    private final TelemetryBus bus = VertxTelemetryBus.on(vertx);

    private static final Sample POWER = new Sample(SeriesKey.of("hw.power", "device", "pdu-1", "site", "lyon"),
            1_700_000_000_000L, 1234.5);
    private static final DeviceEvent ON_BATTERY = new DeviceEvent(Optional.of("ups-1"), "snmp://127.0.0.1:20001",
            "upsTrapOnBattery", Optional.of("Critical"), "UPS on battery", Map.of("upsSecondsOnBattery", "12"),
            Instant.ofEpochMilli(1_700_000_000_123L), Map.of("site", "lyon", "device", "ups-1"));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everySubscriberGetsEachBatchAndEventAndAFailingOneDoesNotStopTheOthers() throws Exception {
        List<List<Sample>> first = new CopyOnWriteArrayList<>();
        List<List<Sample>> second = new CopyOnWriteArrayList<>();
        List<DeviceEvent> events = new CopyOnWriteArrayList<>();
        bus.subscribeSamples(batch -> {
            throw new IllegalStateException("a broken consumer");
        });
        bus.subscribeSamples(first::add);
        bus.subscribeSamples(second::add);
        bus.subscribeEvents(events::add);

        bus.publishSamples(List.of(POWER));
        bus.publishSamples(List.of());
        bus.publishEvent(ON_BATTERY);
        bus.publishSamples(List.of(POWER, POWER));

        awaitSize(first, 2);
        awaitSize(second, 2);
        awaitSize(events, 1);
        assertThat(first).containsExactly(List.of(POWER), List.of(POWER, POWER));
        assertThat(second).isEqualTo(first);
        assertThat(events).containsExactly(ON_BATTERY);
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        List<List<Sample>> kept = new CopyOnWriteArrayList<>();
        List<List<Sample>> closed = new CopyOnWriteArrayList<>();
        bus.subscribeSamples(kept::add);
        TelemetryBus.Subscription subscription = bus.subscribeSamples(closed::add);
        bus.publishSamples(List.of(POWER));
        awaitSize(closed, 1);

        subscription.close();
        bus.publishSamples(List.of(POWER));
        awaitSize(kept, 2);

        assertThat(closed).hasSize(1);
    }

    @Test
    void batchesAndEventsSurviveTheWireEncodingUsedBetweenClusterMembers() {
        SampleBatchCodec samples = new SampleBatchCodec();
        Buffer buffer = Buffer.buffer("prefix");
        samples.encodeToWire(buffer, new SampleBatch(List.of(POWER, new Sample(SeriesKey.of("up"), 5, Double.NaN))));
        SampleBatch decoded = samples.decodeFromWire("prefix".length(), buffer);
        assertThat(decoded.samples()).hasSize(2);
        assertThat(decoded.samples().get(0)).isEqualTo(POWER);
        assertThat(decoded.samples().get(1).value()).isNaN();

        DeviceEventCodec events = new DeviceEventCodec();
        Buffer eventBuffer = Buffer.buffer();
        events.encodeToWire(eventBuffer, ON_BATTERY);
        assertThat(events.decodeFromWire(0, eventBuffer)).isEqualTo(ON_BATTERY);
        DeviceEvent anonymous = new DeviceEvent(Optional.empty(), "snmp://10.0.0.9:162", "1.3.6.1.4.1.9.9.1",
                Optional.empty(), "", Map.of(), Instant.EPOCH);
        Buffer anonymousBuffer = Buffer.buffer();
        events.encodeToWire(anonymousBuffer, anonymous);
        assertThat(events.decodeFromWire(0, anonymousBuffer)).isEqualTo(anonymous);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }
}
