package org.dcsuite.collectors.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch writer against a real DuckDB store, with store outages injected around it. */
class BatchWriterTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final SeriesKey SEQ = SeriesKey.of("test.seq", "device", "d1");

    @TempDir
    Path dir;

    private FlakyStore store;

    @BeforeEach
    void openStore() {
        store = new FlakyStore(TelemetryStores.open(StoreSettings.of("duckdb:" + dir + "/t.duckdb")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void writesInBatchesBoundedBySizeAndDescribesEachMetricOnce() {
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000_000)).maxBatchSamples(100)
                .maxBatchDelay(Duration.ofMillis(50)).build().start();
        for (int i = 0; i < 10; i++) {
            writer.describe(MetricDescriptor.gauge("test.seq", Unit.ONE));
            writer.submit(samples(i * 50, 50));
        }
        eventually("all written", () -> writer.samplesWritten() == 500);
        writer.close();

        assertThat(store.appended).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(100));
        assertThat(store.described).containsExactly(MetricDescriptor.gauge("test.seq", Unit.ONE));
        assertThat(storedSequence(500)).isEqualTo(sequence(500));
        assertThat(writer.queueDepth()).isZero();
    }

    @Test
    void describesAgainWhenTheUnitChanges() {
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000)).maxBatchDelay(Duration.ofMillis(20))
                .build().start();
        writer.describe(MetricDescriptor.gauge("test.seq", Unit.ONE));
        writer.submit(samples(0, 1));
        eventually("first written", () -> writer.samplesWritten() == 1);
        writer.describe(MetricDescriptor.gauge("test.seq", Unit.PERCENT));
        writer.submit(samples(1, 1));
        writer.close();

        assertThat(store.described).containsExactly(MetricDescriptor.gauge("test.seq", Unit.ONE),
                MetricDescriptor.gauge("test.seq", Unit.PERCENT));
    }

    @Test
    void spoolsWhileTheStoreIsDownAndReplaysInOrderWithoutLoss() {
        InMemorySpool spool = new InMemorySpool(1_000_000);
        BatchWriter writer = BatchWriter.builder(store, spool).maxBatchSamples(100)
                .maxBatchDelay(Duration.ofMillis(20)).retryInterval(Duration.ofMillis(50)).build().start();
        writer.submit(samples(0, 300));
        eventually("written before the outage", () -> writer.samplesWritten() == 300);

        store.down = true;
        for (int i = 300; i < 3000; i += 100) {
            writer.submit(samples(i, 100));
        }
        eventually("spooled during the outage", () -> writer.samplesSpooled() == 2700);
        assertThat(spool.batches()).isPositive();

        store.down = false;
        writer.submit(samples(3000, 1000));
        eventually("replayed and written", () -> writer.samplesWritten() == 4000);
        writer.close();

        // A batch arriving before the next store attempt queues behind the spool, so it may be replayed too.
        assertThat(writer.samplesReplayed()).isEqualTo(writer.samplesSpooled()).isGreaterThanOrEqualTo(2700);
        assertThat(writer.samplesDropped()).isZero();
        assertThat(spool.batches()).isZero();
        // In order: every batch the store took starts right after the previous one ended.
        List<Double> appendedOrder = store.appended.stream().flatMap(List::stream).map(Sample::value).toList();
        assertThat(appendedOrder).isEqualTo(sequence(4000));
        assertThat(storedSequence(4000)).isEqualTo(sequence(4000));
    }

    @Test
    void countsWhatTheFullSpoolRefuses() {
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(250)).maxBatchSamples(100)
                .maxBatchDelay(Duration.ofMillis(20)).retryInterval(Duration.ofMillis(50)).build().start();
        store.down = true;
        for (int i = 0; i < 500; i += 100) {
            writer.submit(samples(i, 100));
            int submitted = i + 100;
            eventually("batch handled", () -> writer.samplesSpooled() + writer.samplesDropped() == submitted);
        }
        assertThat(writer.samplesSpooled()).isEqualTo(200);
        assertThat(writer.samplesDropped()).isEqualTo(300);

        store.down = false;
        eventually("spool replayed", () -> writer.samplesReplayed() == 200);
        writer.close();
        assertThat(storedSequence(200)).isEqualTo(sequence(200));
    }

    @Test
    void dropsABatchTheStoreRejectsAsInvalid() {
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000)).maxBatchDelay(Duration.ofMillis(20))
                .build().start();
        store.rejectAsInvalid = true;
        writer.submit(samples(0, 10));
        eventually("dropped", () -> writer.samplesDropped() == 10);
        store.rejectAsInvalid = false;
        writer.submit(samples(10, 10));
        eventually("later batches still written", () -> writer.samplesWritten() == 10);
        writer.close();
        assertThat(writer.samplesSpooled()).isZero();
    }

    @Test
    void closeFlushesEverythingQueued() {
        // A batch delay far beyond the test: only close() can have written these samples.
        BatchWriter writer = BatchWriter.builder(store, new InMemorySpool(1_000))
                .maxBatchDelay(Duration.ofHours(1)).build().start();
        writer.submit(samples(0, 700));
        writer.close();

        assertThat(writer.samplesWritten()).isEqualTo(700);
        assertThat(storedSequence(700)).isEqualTo(sequence(700));
        writer.submit(samples(700, 1));
        assertThat(writer.samplesDropped()).as("samples after close").isEqualTo(1);
    }

    @Test
    void closeSpoolsWhatTheDownStoreCannotTake() {
        InMemorySpool spool = new InMemorySpool(1_000);
        BatchWriter writer = BatchWriter.builder(store, spool).maxBatchDelay(Duration.ofHours(1)).build().start();
        store.down = true;
        writer.submit(samples(0, 300));
        writer.close();

        assertThat(writer.samplesSpooled()).isEqualTo(300);
        assertThat(spool.peek()).hasValueSatisfying(b -> assertThat(b).hasSize(300));
    }

    /** Samples of one series at T0 + i ms with value i. */
    private static List<Sample> samples(int from, int count) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            samples.add(Sample.of(SEQ, T0.plusMillis(i), i));
        }
        return samples;
    }

    private static List<Double> sequence(int count) {
        List<Double> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add((double) i);
        }
        return values;
    }

    /** The stored values at T0 + 0..count-1 ms, each window asserted to hold exactly one sample. */
    private List<Double> storedSequence(int count) {
        Instant to = T0.plusMillis(count - 1);
        List<RangeSeries> counts = store.query(RangeQuery.of(SeriesSelector.metric("test.seq"), T0, to,
                Duration.ofMillis(1), Aggregation.COUNT));
        assertThat(counts).hasSize(1);
        assertThat(counts.getFirst().points()).hasSize(count).allSatisfy(p -> assertThat(p.value()).isEqualTo(1));
        List<RangeSeries> values = store.query(RangeQuery.of(SeriesSelector.metric("test.seq"), T0, to,
                Duration.ofMillis(1), Aggregation.LAST));
        return values.getFirst().points().stream().map(Point::value).toList();
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
