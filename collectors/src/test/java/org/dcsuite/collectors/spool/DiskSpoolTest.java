package org.dcsuite.collectors.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {

    private static final long BIG = 64L << 20;

    @TempDir
    Path dir;

    /** A batch of {@code series} series with {@code perSeries} samples each, all distinguishable by {@code tag}. */
    private static List<Sample> batch(int tag, int series, int perSeries) {
        List<Sample> samples = new ArrayList<>();
        for (int p = 0; p < perSeries; p++) {
            for (int s = 0; s < series; s++) {
                SeriesKey key = SeriesKey.of("hw.power", "hw.id", "psu-" + s, "site", "paris");
                samples.add(new Sample(key, 1_700_000_000_000L + 10_000L * p + tag, tag * 1000.0 + s + p / 10.0));
            }
        }
        return samples;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void roundTripsManySeriesSpecialValuesAndUnicode() {
        List<Sample> samples = new ArrayList<>(batch(1, 500, 3));
        SeriesKey unicode = SeriesKey.of("hw.temperature", "room", "Salle 3 – Zürich 東京 🌡", "rack", "a\"b\\c\nd");
        samples.add(new Sample(unicode, -5, Double.NaN));
        samples.add(new Sample(unicode, Long.MAX_VALUE, Double.POSITIVE_INFINITY));
        samples.add(new Sample(unicode, Long.MIN_VALUE, Double.NEGATIVE_INFINITY));
        samples.add(new Sample(unicode, 0, -0.0));
        samples.add(new Sample(unicode, 1, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)));
        samples.add(new Sample(SeriesKey.of("up"), 2, Double.MIN_VALUE));
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.offer(samples)).isTrue();
            List<Sample> back = spool.peek().orElseThrow();
            assertThat(back).hasSize(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                Sample want = samples.get(i);
                Sample got = back.get(i);
                assertThat(got.series()).isEqualTo(want.series());
                assertThat(got.timeMillis()).isEqualTo(want.timeMillis());
                assertThat(Double.doubleToRawLongBits(got.value())).isEqualTo(Double.doubleToRawLongBits(want.value()));
            }
        }
    }

    @Test
    void repeatedSeriesKeysCostLittle() {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(batch(1, 100, 50));
            // 5,000 samples over 100 keys: about 8 value bytes and a few index/time bytes per sample.
            assertThat(spool.sizeBytes()).isLessThan(5_000L * 12 + 100L * 40);
        }
    }

    @Test
    void keepsOrderAcrossReopen() {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            for (int tag = 0; tag < 5; tag++) {
                assertThat(spool.offer(batch(tag, 3, 2))).isTrue();
            }
            spool.peek();
            spool.removeHead();
        }
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.batches()).isEqualTo(4);
            spool.offer(batch(5, 3, 2));
            for (int tag = 1; tag <= 5; tag++) {
                assertThat(spool.peek()).contains(batch(tag, 3, 2));
                spool.removeHead();
            }
            assertThat(spool.peek()).isEmpty();
        }
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.batches()).isZero();
            assertThat(spool.sizeBytes()).isZero();
        }
    }

    @Test
    void durableAcrossCloseAndReopen() {
        List<Sample> first = batch(7, 20, 5);
        List<Sample> second = batch(8, 1, 1);
        long size;
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(first);
            spool.offer(second);
            size = spool.sizeBytes();
        }
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.batches()).isEqualTo(2);
            assertThat(spool.sizeBytes()).isEqualTo(size);
            assertThat(spool.peek()).contains(first);
            spool.removeHead();
            assertThat(spool.peek()).contains(second);
        }
    }

    @Test
    void refusesWhenOverTheBoundAndAcceptsAgainAfterRemoveHead() {
        List<Sample> b = batch(1, 10, 10);
        long one;
        try (DiskSpool probe = DiskSpool.open(dir.resolve("probe"), BIG)) {
            probe.offer(b);
            one = probe.sizeBytes();
        }
        try (DiskSpool spool = DiskSpool.open(dir.resolve("spool"), 2 * one + one / 2)) {
            assertThat(spool.offer(b)).isTrue();
            assertThat(spool.offer(b)).isTrue();
            assertThat(spool.offer(b)).isFalse();
            assertThat(spool.batches()).isEqualTo(2);
            assertThat(spool.sizeBytes()).isEqualTo(2 * one);
            assertThat(files(dir.resolve("spool"), ".batch")).hasSize(2);

            spool.removeHead();
            assertThat(spool.offer(b)).isTrue();
            assertThat(spool.batches()).isEqualTo(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void refusesABatchLargerThanTheWholeBound() {
        try (DiskSpool spool = DiskSpool.open(dir, 100)) {
            assertThat(spool.offer(batch(1, 10, 10))).isFalse();
            assertThat(spool.batches()).isZero();
            assertThat(spool.sizeBytes()).isZero();
        }
    }

    @Test
    void emptySpool() {
        try (DiskSpool spool = DiskSpool.open(dir.resolve("new/nested"), BIG)) {
            assertThat(spool.peek()).isEmpty();
            assertThat(spool.batches()).isZero();
            assertThat(spool.sizeBytes()).isZero();
            assertThatThrownBy(spool::removeHead).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("nested");
        }
    }

    @Test
    void sizeBytesIsTheSumOfBatchFiles() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(batch(1, 4, 4));
            spool.offer(batch(2, 40, 1));
            spool.offer(List.of());
            long onDisk = 0;
            for (Path f : files(dir, ".batch")) {
                onDisk += Files.size(f);
            }
            assertThat(spool.sizeBytes()).isEqualTo(onDisk).isPositive();
            assertThat(spool.batches()).isEqualTo(3);

            spool.removeHead();
            spool.removeHead();
            assertThat(spool.peek()).contains(List.of());
            spool.removeHead();
            assertThat(spool.sizeBytes()).isZero();
            assertThat(files(dir, ".batch")).isEmpty();
        }
    }

    @Test
    void tornTailIsSetAsideAndEarlierBatchesKept() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(batch(1, 5, 5));
            spool.offer(batch(2, 5, 5));
            spool.offer(batch(3, 5, 5));
        }
        Path last = files(dir, ".batch").get(2);
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }

        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.skippedBatches()).isEqualTo(1);
            assertThat(spool.batches()).isEqualTo(2);
            assertThat(spool.peek()).contains(batch(1, 5, 5));
            spool.removeHead();
            assertThat(spool.peek()).contains(batch(2, 5, 5));
            // A later batch must not take the set-aside batch's name.
            spool.offer(batch(4, 5, 5));
        }
        assertThat(files(dir, ".corrupt")).extracting(p -> p.getFileName().toString())
                .containsExactly(last.getFileName() + ".corrupt");
        assertThat(files(dir, ".batch")).hasSize(2);
    }

    @Test
    void crcMismatchInTheMiddleSkipsOnlyThatBatch() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            for (int tag = 1; tag <= 3; tag++) {
                spool.offer(batch(tag, 5, 5));
            }
        }
        Path middle = files(dir, ".batch").get(1);
        byte[] content = Files.readAllBytes(middle);
        content[content.length / 2] ^= 0x10;
        Files.write(middle, content);

        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.skippedBatches()).isEqualTo(1);
            assertThat(spool.batches()).isEqualTo(2);
            assertThat(spool.peek()).contains(batch(1, 5, 5));
            spool.removeHead();
            assertThat(spool.peek()).contains(batch(3, 5, 5));
        }
        assertThat(files(dir, ".corrupt")).hasSize(1);
    }

    @Test
    void damageAfterOpenIsSkippedWhenPeekReachesIt() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(batch(1, 2, 2));
            spool.offer(batch(2, 2, 2));
            Files.write(files(dir, ".batch").get(0), new byte[] {1, 2, 3});

            assertThat(spool.peek()).contains(batch(2, 2, 2));
            assertThat(spool.skippedBatches()).isEqualTo(1);
            assertThat(spool.batches()).isEqualTo(1);
            assertThat(spool.sizeBytes()).isEqualTo(Files.size(files(dir, ".batch").get(0)));
        }
    }

    @Test
    void leftoverTempFileFromACrashedWriteIsDropped() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            spool.offer(batch(1, 2, 2));
        }
        Files.write(dir.resolve("0000000000000000001" + DiskSpool.TEMP_SUFFIX), new byte[] {0x44, 0x43});
        Files.writeString(dir.resolve("notes.txt"), "not a batch");

        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThat(spool.batches()).isEqualTo(1);
            assertThat(files(dir, ".tmp")).isEmpty();
            spool.offer(batch(2, 2, 2));
            spool.removeHead();
            assertThat(spool.peek()).contains(batch(2, 2, 2));
        }
    }

    @Test
    void writeFailureThrowsNamingTheFolderAndStoresNothing() throws IOException {
        Path folder = dir.resolve("spool");
        try (DiskSpool spool = DiskSpool.open(folder, BIG)) {
            spool.offer(batch(1, 1, 1));
            // Stands in for a full or broken disk: the folder is gone, so no batch file can be created.
            Files.delete(files(folder, ".batch").get(0));
            Files.delete(folder.resolve(DiskSpool.LOCK_FILE));
            Files.delete(folder);

            assertThatThrownBy(() -> spool.offer(batch(2, 1, 1)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(folder.toString())
                    .hasMessageContaining("nothing stored");
            assertThat(spool.batches()).isEqualTo(1);
        }
    }

    @Test
    void secondSpoolOnTheSameFolderIsRefused() {
        try (DiskSpool spool = DiskSpool.open(dir, BIG)) {
            assertThatThrownBy(() -> DiskSpool.open(dir, BIG))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.toString());
        }
        DiskSpool.open(dir, BIG).close();
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> DiskSpool.open(dir, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
