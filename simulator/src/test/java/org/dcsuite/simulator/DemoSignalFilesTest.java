package org.dcsuite.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's carbon-intensity files: what their generator writes, hourly, and within each grid's winter range. */
class DemoSignalFilesTest {

    private static final Path DEMO = Path.of("src/main/resources/org/dcsuite/simulator/demo");

    @ParameterizedTest
    @EnumSource(DemoCarbonSignals.Grid.class)
    void theCommittedFileIsWhatTheGeneratorWrites(DemoCarbonSignals.Grid grid) throws Exception {
        assertThat(Files.readString(DEMO.resolve(grid.file)))
                .as("%s: regenerate with DemoCarbonSignals's main", grid.file).isEqualTo(DemoCarbonSignals.csv(grid));
    }

    @ParameterizedTest
    @EnumSource(DemoCarbonSignals.Grid.class)
    void oneValueAnHourFromNovemberToJanuaryWithinTheGridsRange(DemoCarbonSignals.Grid grid) throws Exception {
        List<String> lines = Files.readAllLines(DEMO.resolve(grid.file));
        assertThat(lines.get(0)).isEqualTo("time,value");

        Instant previous = null;
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",");
            assertThat(parts).as(line).hasSize(2);
            Instant t = Instant.parse(parts[0]);
            if (previous != null) {
                assertThat(Duration.between(previous, t)).as(line).isEqualTo(Duration.ofHours(1));
            }
            previous = t;
            double value = Double.parseDouble(parts[1]);
            assertThat(value).as(line).isBetween(grid.min, grid.max);
            sum += value;
        }
        assertThat(lines.get(1)).startsWith("2026-11-01T00:00:00Z,");
        assertThat(previous).isEqualTo(Instant.parse("2027-01-31T23:00:00Z"));
        // The published winter ranges: France 20-80 g/kWh, ERCOT 300-500 g/kWh; the mean sits well inside.
        double mean = sum / (lines.size() - 1);
        assertThat(mean).isBetween(grid.min + 0.2 * (grid.max - grid.min), grid.max - 0.2 * (grid.max - grid.min));
    }
}
