package org.dcsuite.app.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dcsuite.app.importer.OpenMetricsParser.Entry;
import org.dcsuite.app.importer.OpenMetricsParser.ParsedSample;
import org.dcsuite.app.importer.OpenMetricsParser.Problem;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.StoreException;
import org.dcsuite.core.store.TelemetryStore;

/**
 * Backfills a store from OpenMetrics text: streams the input through {@link OpenMetricsParser}, describes
 * each metric before its first samples, appends in batches of {@link #batchSize} and refreshes the rollups
 * at the end. Memory stays bounded by one batch plus one entry per series.
 */
public final class OpenMetricsImporter {

    /** Large enough for the store's bulk path, small enough to keep memory flat. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    /** Problems listed per reason in the summary; the rest are counted. */
    public static final int EXAMPLES_PER_REASON = 5;
    private static final int PROGRESS_EVERY_LINES = 4096;

    private final TelemetryStore store;
    private final int batchSize;
    private final Clock clock;

    public OpenMetricsImporter(TelemetryStore store, int batchSize, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Imports everything the input holds.
     *
     * @param source     the input's name for messages (the file name)
     * @param in         UTF-8 OpenMetrics text; not closed here
     * @param totalBytes the input's size for progress, or -1
     * @throws IOException    when the input cannot be read
     * @throws StoreException when the store rejects a batch, naming the source and lines
     */
    public ImportSummary importFrom(String source, InputStream in, long totalBytes, ImportProgress progress)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(progress, "progress");
        long start = clock.millis();
        CountingInputStream counted = new CountingInputStream(in);
        // Bytes that are not UTF-8 become U+FFFD, which the parser reports with their line.
        InputStreamReader reader = new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        OpenMetricsParser parser = new OpenMetricsParser(reader);
        Batch batch = new Batch(source);
        Map<String, MetricDescriptor> described = new HashMap<>();
        Map<SeriesKey, long[]> lastTimes = new HashMap<>();
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        Map<SkipReason, List<Problem>> examples = new EnumMap<>(SkipReason.class);
        long outOfOrder = 0;
        try {
            for (Entry entry = parser.next(); entry != null; entry = parser.next()) {
                if (entry instanceof ParsedSample ps) {
                    MetricDescriptor metric = ps.metric();
                    if (!metric.equals(described.get(metric.name()))) {
                        // Describe before the metric's first samples reach the store, so its series get the unit.
                        store.describe(metric);
                        described.put(metric.name(), metric);
                    }
                    Sample sample = ps.sample();
                    long[] last = lastTimes.get(sample.series());
                    if (last == null) {
                        lastTimes.put(sample.series(), new long[] {sample.timeMillis()});
                    } else {
                        if (sample.timeMillis() <= last[0]) {
                            outOfOrder++;
                        }
                        last[0] = Math.max(last[0], sample.timeMillis());
                    }
                    batch.add(sample, ps.line());
                    if (batch.size() >= batchSize) {
                        batch.flush();
                        progress.update(counted.count, totalBytes, batch.stored);
                    }
                } else if (entry instanceof Problem p) {
                    counts.merge(p.reason(), 1L, Long::sum);
                    List<Problem> list = examples.computeIfAbsent(p.reason(), r -> new ArrayList<>());
                    if (list.size() < EXAMPLES_PER_REASON) {
                        list.add(p);
                    }
                }
                if (parser.lineNumber() % PROGRESS_EVERY_LINES == 0) {
                    progress.update(counted.count, totalBytes, batch.stored);
                }
            }
            batch.flush();
            progress.update(counted.count, totalBytes, batch.stored);
        } finally {
            progress.finish();
        }
        if (batch.stored > 0) {
            store.refreshRollups();
        }
        Map<SkipReason, ImportSummary.Skipped> problems = new EnumMap<>(SkipReason.class);
        counts.forEach((reason, count) -> problems.put(reason, new ImportSummary.Skipped(count, examples.get(reason))));
        return new ImportSummary(source, lastTimes.size(), batch.stored, outOfOrder, problems,
                Duration.ofMillis(clock.millis() - start));
    }

    /** Samples waiting for the store, with the lines they came from for error messages. */
    private final class Batch {
        private final String source;
        private final List<Sample> samples = new ArrayList<>();
        private long firstLine;
        private long lastLine;
        private long stored;

        Batch(String source) {
            this.source = source;
        }

        void add(Sample sample, long line) {
            if (samples.isEmpty()) {
                firstLine = line;
            }
            lastLine = line;
            samples.add(sample);
        }

        int size() {
            return samples.size();
        }

        void flush() {
            if (samples.isEmpty()) {
                return;
            }
            try {
                store.append(samples);
            } catch (StoreException e) {
                throw new StoreException(source + ":" + firstLine + "-" + lastLine + ": cannot store samples ("
                        + stored + " stored before): " + e.getMessage(), e.retryable(), e);
            }
            stored += samples.size();
            samples.clear();
        }
    }

    /** Counts the bytes read, for the progress in percent of the file. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
