package org.dcsuite.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.CompositeSlo;
import org.dcsuite.slo.definition.SloDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: each folder under {@code golden/} holds a configuration ({@code slos/*.yaml}) and
 * {@code expected.txt}, the definitions read from it (one line each) or the exact problems reported. Adding a
 * case is adding a folder.
 */
class SloDefinitionsGoldenTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> list = Files.list(golden())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path golden() throws URISyntaxException {
        return Path.of(SloDefinitionsGoldenTest.class.getResource("golden").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAsExpected(String name) throws Exception {
        Path dir = golden().resolve(name);
        String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8).strip();
        assertThat(describe(dir)).isEqualTo(expected);
    }

    /** The definitions one per line, or the problems as dcsuite prints them. */
    static String describe(Path dir) {
        try {
            SloDefinitions d = SloDefinitions.load(dir);
            List<String> lines = new ArrayList<>();
            for (SloDefinition s : d.all()) {
                lines.add(s.name() + " | " + s.service() + " | " + s.objective() + " | " + s.window().describe()
                        + " | " + s.method().openSloName() + (s.method().slicesTime()
                        ? " " + s.sliceMinutes() + "m@" + s.timeSliceTarget() : "")
                        + " | " + s.sli() + " | " + s.alertPolicy().name() + ": " + rules(s.alertPolicy().rules())
                        + " | min_events=" + s.minEvents() + " | exclusions=" + s.exclusions().stream()
                        .map(e -> e.from() + "/" + e.to()).toList() + " | " + s.source());
            }
            for (CompositeSlo c : d.composites()) {
                lines.add(c.name() + " | " + c.service() + " | " + c.objective() + " | " + c.mode() + " | "
                        + c.components() + " | " + c.source());
            }
            return String.join("\n", lines);
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static String rules(List<AlertRule> rules) {
        return rules.stream().map(r -> r.tier() + "=" + r.conditions()).collect(Collectors.joining(", "));
    }
}
