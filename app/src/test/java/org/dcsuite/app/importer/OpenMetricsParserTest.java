package org.dcsuite.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.dcsuite.app.importer.OpenMetricsParser.Entry;
import org.dcsuite.app.importer.OpenMetricsParser.ParsedSample;
import org.dcsuite.app.importer.OpenMetricsParser.Problem;
import org.junit.jupiter.api.Test;

class OpenMetricsParserTest {

    /** Yields generated lines only when asked, counting how many the parser has pulled in. */
    static final class GeneratedReader extends Reader {
        private final long lines;
        private long started;
        private String current = "";
        private int offset;

        GeneratedReader(long lines) {
            this.lines = lines;
        }

        static String line(long n) {
            if (n == 0) {
                return "# TYPE gen_power_watts gauge\n";
            }
            if (n > 0 && n % 50_000 == 0) {
                return "gen_power_watts{pdu=\"p" + (n % 7) + "\"} garbage\n";
            }
            return "gen_power_watts{pdu=\"p" + (n % 7) + "\"} " + (n % 1000) + ".5 " + (1_764_000_000L + n) + "\n";
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (offset == current.length()) {
                if (started == lines) {
                    return -1;
                }
                current = started == lines - 1 ? "# EOF\n" : line(started);
                started++;
                offset = 0;
            }
            int n = Math.min(len, current.length() - offset);
            current.getChars(offset, offset + n, buf, off);
            offset += n;
            return n;
        }

        /** Lines the parser has started to read. */
        long started() {
            return started;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void streamsWithoutReadingAhead() throws IOException {
        long lines = 300_000;
        GeneratedReader in = new GeneratedReader(lines);
        OpenMetricsParser parser = new OpenMetricsParser(in);
        // The parser may hold one buffer of input: about 8192 characters of lines at least 40 long.
        long bound = 8192 / 40 + 2;
        long samples = 0;
        long problems = 0;
        for (Entry e = parser.next(); e != null; e = parser.next()) {
            assertThat(in.started() - e.line()).isLessThanOrEqualTo(bound);
            if (e instanceof ParsedSample) {
                samples++;
            } else {
                problems++;
            }
        }
        assertThat(samples + problems + 2).isEqualTo(lines);
        assertThat(problems).isEqualTo(5);
        assertThat(parser.lineNumber()).isEqualTo(lines);
    }

    @Test
    void reportsOverlongLinesWithoutHoldingThem() throws IOException {
        String input = "a{x=\"" + "y".repeat(OpenMetricsParser.MAX_LINE_LENGTH) + "\"} 1 1\na 2 1764000000\n# EOF\n";
        OpenMetricsParser parser = new OpenMetricsParser(new StringReader(input));

        assertThat(parser.next()).isEqualTo(new Problem(1, SkipReason.SYNTAX,
                "line longer than " + OpenMetricsParser.MAX_LINE_LENGTH + " characters"));
        assertThat(parser.next()).isInstanceOfSatisfying(ParsedSample.class,
                s -> assertThat(s.sample().timeMillis()).isEqualTo(1_764_000_000_000L));
        assertThat(parser.next()).isNull();
    }

    @Test
    void reportsCharactersThatWereNotUtf8() throws IOException {
        OpenMetricsParser parser = new OpenMetricsParser(new StringReader("a{x=\"\uFFFD\"} 1 1\n# EOF\n"));

        assertThat(parser.next()).isEqualTo(new Problem(1, SkipReason.SYNTAX, "not valid UTF-8"));
        assertThat(parser.next()).isNull();
    }

    @Test
    void metadataOfAnotherFamilyDoesNotLeakIntoUntypedSamples() throws IOException {
        OpenMetricsParser parser = new OpenMetricsParser(new StringReader("""
                # TYPE a gauge
                # UNIT a celsius
                a 1 1
                # TYPE b counter
                a 2 2
                # EOF
                """));

        ParsedSample first = (ParsedSample) parser.next();
        ParsedSample second = (ParsedSample) parser.next();
        assertThat(first.metric().unit().code()).isEqualTo("Cel");
        assertThat(second.metric().unit().code()).isEmpty();
        assertThat(second.metric().kind()).hasToString("UNKNOWN");
    }
}
