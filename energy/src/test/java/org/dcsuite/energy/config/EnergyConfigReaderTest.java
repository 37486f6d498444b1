package org.dcsuite.energy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dcsuite.core.config.ConfigProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Golden cases: each folder under {@code cases/} is a configuration folder with {@code energy/*.yaml} and an
 * {@code expected.txt} holding {@code OK} or the exact problems, one per line. Adding a case is adding a folder.
 */
class EnergyConfigReaderTest {

    private static final Set<String> SITES = Set.of("edge-lyon", "paris-dc");

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(EnergyConfigReaderTest.class.getResource("cases").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    private static List<ConfigProblem> read(Path dir, List<EnergySiteConfig> out) {
        List<ConfigProblem> problems = new ArrayList<>();
        out.addAll(new EnergyConfigReader(dir, Optional.of(SITES), Map.of("EM_TOKEN", "secret-token")::get)
                .read(problems));
        return problems.stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseGivesExactlyTheExpectedProblems(Path dir) throws IOException {
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<EnergySiteConfig> sites = new ArrayList<>();

        List<String> actual = read(dir, sites).stream().map(ConfigProblem::toString).toList();

        if (expected.equals(List.of("OK"))) {
            assertThat(actual).isEmpty();
            assertThat(sites).isNotEmpty();
        } else {
            assertThat(actual).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theFullCaseIsReadIntoTheModel() throws Exception {
        List<EnergySiteConfig> sites = new ArrayList<>();
        read(cases().filter(p -> p.endsWith("valid-full")).findFirst().orElseThrow(), sites);

        EnergySiteConfig site = sites.getFirst();
        assertThat(site.site()).isEqualTo("edge-lyon");
        assertThat(site.itCategory()).isEqualTo(ItCategory.UPS_OUTPUT);
        assertThat(site.zones()).singleElement().satisfies(z -> {
            assertThat(z.name()).isEqualTo("Server room");
            assertThat(z.it().meters().getFirst().scale()).isEqualTo(0.98);
        });
        assertThat(site.reuse().orElseThrow().meters().getFirst().wrapsAt()).hasValue(1_000_000);
        assertThat(site.gridCarbon().orElseThrow().source()).isEqualTo(SignalSpec.Source.CSV);
        assertThat(site.gridCarbon().orElseThrow().file().orElseThrow()).endsWith(Path.of("signals/fr-carbon.csv"));
        assertThat(site.onsite()).singleElement().satisfies(o -> assertThat(o.factorGramsPerKwh()).isEqualTo(700));
        assertThat(site.price().orElseThrow().value()).hasValue(0.18);
        assertThat(site.currency()).isEqualTo("EUR");
        assertThat(site.maxGap()).isEqualTo(EnergySiteConfig.DEFAULT_MAX_GAP);
    }
}
