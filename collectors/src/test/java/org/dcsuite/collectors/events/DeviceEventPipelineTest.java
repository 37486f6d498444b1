package org.dcsuite.collectors.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dcsuite.collectors.events.EventFixtures.await;
import static org.dcsuite.collectors.events.EventFixtures.event;
import static org.dcsuite.collectors.events.EventFixtures.everything;
import static org.dcsuite.collectors.events.EventFixtures.locate;
import static org.dcsuite.collectors.events.EventFixtures.snmpDevice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline on a real DuckDB store, with faults injected in front of it. */
class DeviceEventPipelineTest {

    private final MutableClock clock = new MutableClock(EventFixtures.T0);
    private final RecordingTelemetryBus bus = new RecordingTelemetryBus();
    private SwitchableEventStore store;
    private DeviceEventPipeline pipeline;

    @BeforeEach
    void openStore() {
        store = new SwitchableEventStore(TelemetryStores.open(
                new StoreSettings("duckdb::memory:", RetentionPolicy.DEFAULT, clock)));
    }

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        store.close();
    }

    private DeviceEventPipeline.Builder builder() {
        return DeviceEventPipeline.builder(store).bus(bus).clock(clock)
                .devices(locate(snmpDevice("pdu-a", "10.0.0.5", "c0mmunity")))
                .retryInterval(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private List<String> storedTypes() {
        return store.events(everything()).stream().map(DeviceEvent::type).toList().reversed();
    }

    @Test
    void eventsGetTheirDeviceTopologyAndArePublishedAndStored() throws Exception {
        pipeline = builder().start();
        DeviceEvent known = event("pdu-a", "linkDown", 1);
        DeviceEvent unknownSender = event(null, "coldStart", 2);
        DeviceEvent unconfigured = event("gone", "warmStart", 3);
        pipeline.accept(known);
        pipeline.accept(unknownSender);
        pipeline.accept(unconfigured);
        await("three events stored", () -> pipeline.stored() == 3);

        Map<String, String> topology = Map.of("site", "paris", "room", "room-1", "rack", "r01", "device", "pdu-a",
                "feed", "A", "owner", "ops");
        assertThat(bus.events).containsExactly(known.withLabels(topology), unknownSender, unconfigured);
        assertThat(store.events(everything())).containsExactly(unconfigured, unknownSender,
                known.withLabels(topology));
        assertThat(store.events(everything().site("paris"))).containsExactly(known.withLabels(topology));
        assertThat(unknownSender.deviceId()).isEmpty();
        assertThat(pipeline.received()).isEqualTo(3);
        assertThat(pipeline.queued()).isZero();
        assertThat(pipeline.dropped()).isZero();
    }

    @Test
    void whileTheStoreIsDownEventsWaitAndAreWrittenInOrderWhenItReturns() throws Exception {
        pipeline = builder().maxBatch(3).start();
        store.down = true;
        for (int i = 0; i < 10; i++) {
            pipeline.accept(event("pdu-a", "t" + i, i));
        }
        await("several failed attempts", () -> store.failedCalls.get() >= 3);
        assertThat(pipeline.queued()).isEqualTo(10);
        assertThat(pipeline.stored()).isZero();
        assertThat(bus.events).hasSize(10);

        store.down = false;
        await("all stored", () -> pipeline.stored() == 10);
        assertThat(storedTypes()).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "t" + i).toList());
        assertThat(store.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(3));
        assertThat(pipeline.queued()).isZero();
        assertThat(pipeline.dropped()).isZero();
    }

    @Test
    void beyondTheBoundEventsAreCountedAsDroppedAndStillPublished() throws Exception {
        pipeline = builder().queueCapacity(5).start();
        store.down = true;
        for (int i = 0; i < 8; i++) {
            pipeline.accept(event("pdu-a", "t" + i, i));
        }
        assertThat(pipeline.dropped()).isEqualTo(3);
        assertThat(pipeline.queued()).isEqualTo(5);
        assertThat(pipeline.received()).isEqualTo(8);
        assertThat(bus.events).hasSize(8);

        store.down = false;
        await("the queued five stored", () -> pipeline.stored() == 5);
        assertThat(storedTypes()).containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void anEventTheStoreRefusesCostsOnlyItself() throws Exception {
        pipeline = builder().start();
        store.invalid = e -> e.type().equals("bad");
        store.down = true;
        pipeline.accept(event("pdu-a", "a", 1));
        pipeline.accept(event("pdu-a", "bad", 2));
        pipeline.accept(event("pdu-a", "b", 3));
        await("a failed attempt", () -> store.failedCalls.get() >= 1);
        store.down = false;

        await("the good ones stored", () -> pipeline.stored() == 2);
        assertThat(storedTypes()).containsExactly("a", "b");
        assertThat(pipeline.dropped()).isEqualTo(1);
        assertThat(pipeline.queued()).isZero();
    }

    @Test
    void closeFlushesWhatIsQueuedAndCountsWhatTheStoreNeverTook() throws Exception {
        pipeline = builder().start();
        for (int i = 0; i < 1_000; i++) {
            pipeline.accept(event("pdu-a", "t" + i, i));
        }
        pipeline.close();
        assertThat(pipeline.stored()).isEqualTo(1_000);
        assertThat(store.events(everything().limit(2_000))).hasSize(1_000);

        pipeline.accept(event("pdu-a", "late", 2_000));
        assertThat(pipeline.dropped()).isEqualTo(1);

        DeviceEventPipeline stuck = builder().closeTimeout(Duration.ofMillis(100)).start();
        store.down = true;
        stuck.accept(event("pdu-a", "never", 1));
        stuck.close();
        assertThat(stuck.dropped()).isEqualTo(1);
        assertThat(stuck.queued()).isZero();
        assertThat(stuck.stored()).isZero();
    }

    @Test
    void eventsFromManyThreadsAreAllStored() throws Exception {
        pipeline = builder().start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++) {
                    pipeline.accept(new DeviceEvent(Optional.of("pdu-a"), "snmp://10.0.0.5:162", "t" + thread,
                            Optional.empty(), "m", Map.of(), EventFixtures.T0.plusMillis(i)));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        await("all stored", () -> pipeline.stored() == 1_000);
        assertThat(store.events(everything().limit(2_000))).hasSize(1_000);
    }
}
