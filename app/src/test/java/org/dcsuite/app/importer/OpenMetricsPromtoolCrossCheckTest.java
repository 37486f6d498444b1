package org.dcsuite.app.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dcsuite.app.importer.OpenMetricsParser.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the golden cases against Prometheus's own reader: {@code promtool tsdb create-blocks-from openmetrics}
 * must accept exactly the files in which our parser finds no problem. Skipped when promtool is not installed
 * ({@code apt-get install prometheus}).
 */
class OpenMetricsPromtoolCrossCheckTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /** Where dcsuite is deliberately more lenient than promtool 2.x, and why. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "crlf", "CRLF files hold the same data; promtool reads the \\r as part of the line",
            "quoted-names", "quoted UTF-8 names came with Prometheus 3; Debian's promtool is 2.x");

    @TempDir
    Path tmp;

    static Iterable<String> cases() throws IOException {
        return OpenMetricsParserGoldenTest.cases().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promtoolAcceptsExactlyTheFilesWithoutProblems(String name) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed");
        Path file = OpenMetricsParserGoldenTest.CASES.resolve(name + ".om");
        boolean oursAccepts = OpenMetricsParserGoldenTest.parse(Files.readString(file, StandardCharsets.UTF_8))
                .stream().noneMatch(Problem.class::isInstance);

        Process p = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                file.toAbsolutePath().toString(), tmp.resolve("blocks").toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("promtool.log").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        boolean promtoolAccepts = p.exitValue() == 0;

        if (KNOWN_DIFFERENCES.containsKey(name)) {
            assertThat(promtoolAccepts).as(KNOWN_DIFFERENCES.get(name)).isFalse();
        } else {
            assertThat(oursAccepts).as(Files.readString(tmp.resolve("promtool.log"))).isEqualTo(promtoolAccepts);
        }
    }
}
