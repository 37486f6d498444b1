package org.dcsuite.app.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dcsuite.app.importer.OpenMetricsParser.Entry;
import org.dcsuite.app.importer.OpenMetricsParser.ParsedSample;
import org.dcsuite.app.importer.OpenMetricsParser.Problem;
import org.dcsuite.app.promapi.PrometheusJson;
import org.dcsuite.core.series.MetricDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: each {@code <case>.om} in {@link #CASES} is parsed and its entries, one per line, must equal
 * {@code <case>.expected}. Adding a case is adding the two files; run with
 * {@code -Dopenmetrics.golden.update=true} to write the {@code .expected} files, then review them.
 */
class OpenMetricsParserGoldenTest {

    static final Path CASES = Path.of("src/test/resources/org/dcsuite/app/importer/openmetrics");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".om"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
            assertThat(names).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAsExpected(String name) throws IOException {
        String input = Files.readString(CASES.resolve(name + ".om"), StandardCharsets.UTF_8);
        String actual = render(parse(input));
        Path expectedFile = CASES.resolve(name + ".expected");
        if (Boolean.getBoolean("openmetrics.golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    static List<Entry> parse(String input) throws IOException {
        OpenMetricsParser parser = new OpenMetricsParser(new StringReader(input));
        List<Entry> entries = new ArrayList<>();
        for (Entry e = parser.next(); e != null; e = parser.next()) {
            entries.add(e);
        }
        return entries;
    }

    /**
     * {@code LINE sample SERIES MILLIS VALUE KIND [unit=U] [help="H"]} or {@code LINE REASON: MESSAGE}.
     */
    static String render(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.line()).append(' ');
            if (e instanceof ParsedSample s) {
                MetricDescriptor m = s.metric();
                sb.append("sample ").append(s.sample().series()).append(' ').append(s.sample().timeMillis())
                        .append(' ').append(PrometheusJson.formatValue(s.sample().value())).append(' ')
                        .append(m.kind());
                if (!m.unit().code().isEmpty()) {
                    sb.append(" unit=").append(m.unit().code());
                }
                if (!m.description().isEmpty()) {
                    sb.append(" help=\"").append(m.description().replace("\\", "\\\\").replace("\n", "\\n")
                            .replace("\"", "\\\"")).append('"');
                }
            } else if (e instanceof Problem p) {
                sb.append(p.reason()).append(": ").append(p.message());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
