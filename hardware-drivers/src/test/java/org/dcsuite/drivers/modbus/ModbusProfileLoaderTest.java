package org.dcsuite.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModbusProfileLoaderTest {

    private static final Path BAD = Path.of("src/test/resources/org/dcsuite/drivers/modbus/bad-profiles");
    private static final Path SHIPPED = Path.of("src/main/resources/org/dcsuite/drivers/modbus/profiles");

    static Stream<String> badCases() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList()
                    .stream();
        }
    }

    /** Each bad-profiles/X.yaml fails with every line of X.expected, each naming file, point and field. */
    @ParameterizedTest
    @MethodSource("badCases")
    void badProfilesReportEveryProblem(String file) throws IOException {
        String yaml = Files.readString(BAD.resolve(file));
        List<String> expected = Files.readAllLines(BAD.resolve(file.replace(".yaml", ".expected")),
                StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertThatThrownBy(() -> ModbusProfileLoader.parse(file, yaml)).isInstanceOfSatisfying(DriverException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(DriverErrorKind.CONFIG);
                    List<String> lines = Arrays.asList(e.getMessage().split("\n"));
                    for (String line : expected) {
                        assertThat(lines).as(e.getMessage()).anyMatch(l -> l.startsWith(line));
                    }
                    assertThat(lines).hasSize(expected.size());
                });
    }

    @Test
    void everyShippedProfileLoadsAndIsListed() throws IOException {
        TreeSet<String> inFolder = new TreeSet<>();
        try (Stream<Path> files = Files.list(SHIPPED)) {
            files.map(f -> f.getFileName().toString().replace(".yaml", "")).forEach(inFolder::add);
        }
        assertThat(ModbusProfileLoader.SHIPPED).containsExactlyElementsOf(inFolder);
        for (String name : inFolder) {
            assertThat(ModbusProfileLoader.shipped(name).name()).isEqualTo(name);
        }
    }

    @Test
    void sunSpecMeterFollowsTheModelLayout() {
        ModbusProfile p = ModbusProfileLoader.shipped("sunspec-meter");
        assertThat(p.model(203)).isPresent();
        assertThat(p.model(201)).isEqualTo(p.model(204));
        var meter = p.model(203).orElseThrow().points();
        // Offsets from the SunSpec model 203 definition.
        assertThat(meter).filteredOn(x -> x.name().equals("W_SF")).singleElement()
                .extracting(ModbusPoint::address).isEqualTo(20);
        assertThat(meter).filteredOn(x -> x.name().equals("TotWh_SF")).singleElement()
                .extracting(ModbusPoint::address).isEqualTo(52);
        assertThat(meter).filteredOn(x -> x.name().equals("W")).singleElement()
                .satisfies(x -> assertThat(x.notImplemented()).containsExactly(0x8000L));
    }

    @Test
    void unknownProfileNamesTheShippedOnes() {
        assertThatThrownBy(() -> ModbusProfileLoader.shipped("nope")).isInstanceOf(DriverException.class)
                .hasMessage("unknown Modbus profile 'nope' (available: generic-crac, generic-heat-meter, "
                        + "generic-ups, generic-water-meter, sunspec-meter)");
    }
}
