package org.dcsuite.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: each folder under {@code config-cases/} holds a {@code config/} folder and
 * {@code expected.txt}, either {@code ok: <summary>} or the exact error lines. Adding a case is adding files.
 */
class ConfigCasesTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = Path.of(ConfigCasesTest.class.getResource("/config-cases").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAsExpected(String name) throws Exception {
        Path dir = Path.of(ConfigCasesTest.class.getResource("/config-cases/" + name).toURI());
        String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8).strip();

        String actual;
        try {
            actual = "ok: " + ConfigLoader.load(dir.resolve("config")).summary();
        } catch (ConfigException e) {
            actual = e.getMessage();
            assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(actual.split("\n"));
        }

        assertThat(actual).isEqualTo(expected);
    }
}
