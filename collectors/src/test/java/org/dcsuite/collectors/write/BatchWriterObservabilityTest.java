package org.dcsuite.collectors.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's meters and spans through an outage of a real DuckDB store (injected by {@link FlakyStore}). */
class BatchWriterObservabilityTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final SeriesKey SERIES = SeriesKey.of("test.seq", "device", "d1");

    @TempDir
    Path dir;

    private FlakyStore store;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();

    @BeforeEach
    void openStore() {
        store = new FlakyStore(TelemetryStores.open(StoreSettings.of("duckdb:" + dir + "/t.duckdb")));
    }

    @AfterEach
    void closeAll() {
        store.close();
        tracing.close();
    }

    @Test
    void metersCountWrittenSpooledReplayedAndDroppedSamplesAndTrackQueueAndSpool() {
        InMemorySpool spool = new InMemorySpool(250);
        BatchWriter writer = BatchWriter.builder(store, spool).maxBatchSamples(100)
                .maxBatchDelay(Duration.ofMillis(20)).retryInterval(Duration.ofMillis(50)).meterRegistry(meters)
                .tracer(tracing.get("test")).build().start();
        writer.submit(samples(0, 100));
        eventually("written", () -> writer.samplesWritten() == 100);

        store.down = true;
        for (int i = 100; i < 400; i += 100) {
            writer.submit(samples(i, 100));
            int handled = i;
            eventually("batch handled", () -> writer.samplesSpooled() + writer.samplesDropped() == handled);
        }
        assertThat(gauge("dcsuite.spool.batches")).isEqualTo(2);
        assertThat(gauge("dcsuite.spool.bytes")).isEqualTo(spool.sizeBytes()).isPositive();

        store.down = false;
        eventually("replayed", () -> writer.samplesReplayed() == 200);
        writer.close();

        assertThat(samples("written")).isEqualTo(300);
        assertThat(samples("spooled")).isEqualTo(200);
        assertThat(samples("replayed")).isEqualTo(200);
        assertThat(samples("dropped")).isEqualTo(100);
        assertThat(gauge("dcsuite.spool.batches")).isZero();
        assertThat(gauge("dcsuite.writer.queue.samples")).isZero();
        assertThat(meters.get("dcsuite.writer.write.duration").tag("outcome", "success").timer().count())
                .isEqualTo(3);
        assertThat(meters.get("dcsuite.writer.write.duration").tag("outcome", "failure").timer().count())
                .isPositive();
    }

    @Test
    void queueGaugeShowsSamplesWaitingForTheWriterThread() {
        CountDownLatch release = new CountDownLatch(1);
        store.hold = release;
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000))
                .maxBatchSamples(10).maxBatchDelay(Duration.ofMillis(10)).meterRegistry(meters).build().start();
        writer.submit(samples(0, 10));
        // The writer thread now hangs in the store with the first batch; what follows waits in the queue.
        eventually("writer blocked in the store", () -> gauge("dcsuite.writer.queue.samples") == 0);
        writer.submit(samples(10, 25));
        assertThat(gauge("dcsuite.writer.queue.samples")).isEqualTo(25);
        release.countDown();
        writer.close();
        assertThat(gauge("dcsuite.writer.queue.samples")).isZero();
        assertThat(samples("written")).isEqualTo(35);
    }

    @Test
    void eachStoreAppendIsASpanWithSamplesAndOutcome() {
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000)).maxBatchSamples(100)
                .maxBatchDelay(Duration.ofMillis(20)).retryInterval(Duration.ofMillis(50))
                .tracer(tracing.get("test")).build().start();
        writer.submit(samples(0, 40));
        eventually("written", () -> writer.samplesWritten() == 40);
        store.down = true;
        writer.submit(samples(40, 30));
        eventually("spooled", () -> writer.samplesSpooled() == 30);
        store.down = false;
        eventually("replayed", () -> writer.samplesReplayed() == 30);
        writer.close();

        List<SpanData> appends = spans.getFinishedSpanItems();
        assertThat(appends).extracting(SpanData::getName).containsOnly("store.append");
        SpanData first = appends.getFirst();
        assertThat(first.getAttributes().get(BatchWriter.SAMPLES)).isEqualTo(40L);
        assertThat(first.getAttributes().get(BatchWriter.OUTCOME)).isEqualTo("success");
        assertThat(first.getAttributes().get(BatchWriter.REPLAY)).isFalse();
        assertThat(appends).anySatisfy(s -> {
            assertThat(s.getAttributes().get(BatchWriter.OUTCOME)).isEqualTo("failure");
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
        assertThat(appends.getLast().getAttributes().get(BatchWriter.SAMPLES)).isEqualTo(30L);
        assertThat(appends.getLast().getAttributes().get(BatchWriter.OUTCOME)).isEqualTo("success");
        assertThat(appends.getLast().getAttributes().get(BatchWriter.REPLAY)).isTrue();
    }

    private double samples(String outcome) {
        return meters.get("dcsuite.writer.samples").tag("outcome", outcome).counter().count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static List<Sample> samples(int from, int count) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            samples.add(Sample.of(SERIES, T0.plusMillis(i), i));
        }
        return samples;
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("eventually " + what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
