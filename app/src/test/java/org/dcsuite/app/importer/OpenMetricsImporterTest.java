package org.dcsuite.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcsuite.app.importer.OpenMetricsParser.Entry;
import org.dcsuite.app.importer.OpenMetricsParser.ParsedSample;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into a real DuckDB store and reads back through queries. */
class OpenMetricsImporterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = 1_764_000_000L;

    @TempDir
    Path tmp;

    TelemetryStore store;

    @BeforeEach
    void open() {
        store = TelemetryStores.open(StoreSettings.of("duckdb:" + tmp.resolve("t.duckdb")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ImportSummary importText(String text, int batchSize, ImportProgress progress) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new OpenMetricsImporter(store, batchSize, CLOCK)
                .importFrom("in.om", new ByteArrayInputStream(bytes), bytes.length, progress);
    }

    /** Counters with resets, a gauge with a gap, NaN and infinities, every 10 s. */
    static String roundTripInput() {
        StringBuilder sb = new StringBuilder();
        sb.append("# TYPE pdu_energy_joules counter\n# UNIT pdu_energy_joules joules\n");
        double[] energy = {100, 250.25, 400, 3, 50, 0, 0.5, 1e6, 7};
        for (int i = 0; i < energy.length; i++) {
            sb.append("pdu_energy_joules_total{pdu=\"p1\"} ").append(energy[i]).append(' ').append(T0 + 10 * i)
                    .append('\n');
        }
        sb.append("# TYPE inlet_celsius gauge\n# UNIT inlet_celsius celsius\n");
        String[] temps = {"21.5", "NaN", "22", "+Inf", "-Inf", "0.1", "-3.25"};
        int[] slots = {0, 1, 2, 10, 11, 30, 31};
        for (int i = 0; i < temps.length; i++) {
            sb.append("inlet_celsius{rack=\"r1\",\"hw.id\"=\"s-1\"} ").append(temps[i]).append(' ')
                    .append(T0 + 10 * slots[i]).append('\n');
        }
        return sb.append("# EOF\n").toString();
    }

    @Test
    void importThenQueryReproducesEveryValueExactly() throws IOException {
        String input = roundTripInput();

        ImportSummary summary = importText(input, 4, ImportProgress.NONE);

        Map<SeriesKey, List<Point>> expected = new LinkedHashMap<>();
        OpenMetricsParser parser = new OpenMetricsParser(new StringReader(input));
        for (Entry e = parser.next(); e != null; e = parser.next()) {
            ParsedSample s = (ParsedSample) e;
            expected.computeIfAbsent(s.sample().series(), k -> new ArrayList<>())
                    .add(new Point(s.sample().timeMillis(), s.sample().value()));
        }
        assertThat(summary.series()).isEqualTo(2);
        assertThat(summary.samples()).isEqualTo(16);
        assertThat(summary.problems()).isEmpty();
        for (Map.Entry<SeriesKey, List<Point>> e : expected.entrySet()) {
            RangeQuery query = RangeQuery.of(SeriesSelector.parse(e.getKey().toString()), Instant.ofEpochSecond(T0),
                    Instant.ofEpochSecond(T0 + 400), Duration.ofSeconds(10), Aggregation.LAST);
            List<RangeSeries> result = store.query(query);
            assertThat(result).hasSize(1);
            // Point is a record: its equals compares doubles with Double.compare, so NaN matches NaN.
            assertThat(result.get(0).points()).as(e.getKey().toString()).isEqualTo(e.getValue());
        }
    }

    @Test
    void describesMetricsWithKindAndUnit() throws IOException {
        importText(roundTripInput(), 100, ImportProgress.NONE);

        assertThat(store.series(List.of())).containsExactly(
                new SeriesInfo(SeriesKey.of("inlet_celsius", "rack", "r1", "hw.id", "s-1"), Unit.CELSIUS,
                        MetricKind.GAUGE),
                new SeriesInfo(SeriesKey.of("pdu_energy_joules_total", "pdu", "p1"), Unit.JOULE, MetricKind.COUNTER));
    }

    @Test
    void summaryAccountsForEveryLine() throws IOException {
        StringBuilder in = new StringBuilder("# TYPE g gauge\n");
        in.append("g{a=\"1\"} 1 ").append(T0 + 20).append('\n');
        in.append("g{a=\"1\"} 2 ").append(T0 + 10).append('\n');
        in.append("g{a=\"1\"} 3 ").append(T0 + 10).append('\n');
        in.append("g{a=\"2\"} 4 ").append(T0).append('\n');
        for (int i = 0; i < 7; i++) {
            in.append("g{a=\"1\"} 5\n");
        }
        in.append("g x 1\n# EOF\ng 1 1\n");

        ImportSummary summary = importText(in.toString(), 2, ImportProgress.NONE);

        assertThat(summary.series()).isEqualTo(2);
        assertThat(summary.samples()).isEqualTo(4);
        assertThat(summary.outOfOrder()).isEqualTo(2);
        assertThat(summary.skippedLines()).isEqualTo(9);
        assertThat(summary.count(SkipReason.NO_TIMESTAMP)).isEqualTo(7);
        assertThat(summary.report("duckdb:t")).isEqualTo("""
                imported in.om into duckdb:t: 2 series, 4 samples (2 out of order, stored) in 0.0s (4 samples/s)
                skipped 9 lines:
                  syntax errors: 1
                    in.om:13: invalid value 'x' of g: expected a number, NaN, +Inf or -Inf
                  samples without timestamp: 7
                    in.om:6: sample of g without timestamp
                    in.om:7: sample of g without timestamp
                    in.om:8: sample of g without timestamp
                    in.om:9: sample of g without timestamp
                    in.om:10: sample of g without timestamp
                    ... and 2 more
                  lines after # EOF: 1
                    in.om:15: line after # EOF
                """);
    }

    @Test
    void missingEofIsAWarningAndBadUtf8IsReportedWithItsLine() throws IOException {
        byte[] bytes = ("g{a=\"x\"} 1 " + T0 + "\ng{a=\"\u00ff\"} 1 " + T0 + "\n").getBytes(StandardCharsets.ISO_8859_1);

        ImportSummary summary = new OpenMetricsImporter(store, 10, CLOCK)
                .importFrom("in.om", new ByteArrayInputStream(bytes), bytes.length, ImportProgress.NONE);

        assertThat(summary.samples()).isEqualTo(1);
        assertThat(summary.report("s")).endsWith("""
                skipped 1 line:
                  syntax errors: 1
                    in.om:2: not valid UTF-8
                warning: in.om:3: missing # EOF at the end of the input: the file may be truncated
                """);
    }

    /** Generates lines on demand and checks, whenever it is read, that the importer holds at most a batch. */
    static final class GeneratedInput extends InputStream {
        private final long lines;
        private final long maxInFlight;
        private long produced;
        private long stored;
        private byte[] current = new byte[0];
        private int offset;

        GeneratedInput(long lines, long maxInFlight) {
            this.lines = lines;
            this.maxInFlight = maxInFlight;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            assertThat(produced - stored).isLessThanOrEqualTo(maxInFlight);
            if (offset == current.length) {
                if (produced == lines) {
                    return -1;
                }
                String line = produced == lines - 1 ? "# EOF\n"
                        : "gen_watts{pdu=\"p" + (produced % 10) + "\"} " + produced + " " + (T0 + produced) + "\n";
                current = line.getBytes(StandardCharsets.UTF_8);
                offset = 0;
                produced++;
            }
            int n = Math.min(len, current.length - offset);
            System.arraycopy(current, offset, b, off, n);
            offset += n;
            return n;
        }
    }

    @Test
    void streamsLargeInputsInBatches() throws IOException {
        long lines = 300_000;
        int batch = 10_000;
        // Lines are at least 30 bytes: the decoder and parser buffers (8 KiB each) hold under 600 of them.
        GeneratedInput in = new GeneratedInput(lines, batch + 600);
        long[] maxBatch = {0};

        ImportSummary summary = new OpenMetricsImporter(store, batch, CLOCK).importFrom("gen.om", in, -1,
                (bytesRead, totalBytes, samplesStored) -> {
                    maxBatch[0] = Math.max(maxBatch[0], samplesStored - in.stored);
                    in.stored = samplesStored;
                });

        assertThat(summary.samples()).isEqualTo(lines - 1);
        assertThat(summary.series()).isEqualTo(10);
        assertThat(maxBatch[0]).isLessThanOrEqualTo(batch);
        // p3's samples lie at T0+3s, T0+13s, ... (3.5 days): the window (T0, T0 + 4d] holds all of them.
        Instant end = Instant.ofEpochSecond(T0).plus(Duration.ofDays(4));
        List<RangeSeries> counts = store.query(RangeQuery.of(SeriesSelector.parse("gen_watts{pdu=\"p3\"}"),
                end, end, Duration.ofDays(4), Aggregation.COUNT));
        assertThat(counts.get(0).points()).containsExactly(new Point(end.toEpochMilli(), 30_000));
    }
}
