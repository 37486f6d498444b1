package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcsuite energy report} end to end: a configuration folder, a DuckDB store holding constant loads, and
 * the three output formats. Expected values come from the loads written: PUE = facility kW / IT kW.
 */
class EnergyReportCommandTest {

    private static final Instant FROM = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-24T02:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve("sites"));
        Files.createDirectories(dir.resolve("energy"));
        for (String site : List.of("lyon", "paris")) {
            Files.writeString(dir.resolve("sites/" + site + ".yaml"), """
                    version: dcsuite/v1
                    site:
                      id: %s
                      time_zone: Europe/Paris
                    """.formatted(site));
            Files.writeString(dir.resolve("energy/" + site + ".yaml"), """
                    version: dcsuite/v1
                    energy:
                      site: %s
                      facility:
                        meters: [ { series: 'facility.power{site="%s"}' } ]
                      it:
                        category: %d
                        meters: [ { series: 'it.power{site="%s"}' } ]
                      carbon:
                        grid: { source: constant, value: 50 }
                      price: { source: constant, value: 0.2, currency: EUR }
                    """.formatted(site, site, site.equals("lyon") ? 1 : 3, site));
        }
        Path db = dir.resolve("t.duckdb");
        store = "--store=duckdb:" + db;
        try (TelemetryStore s = TelemetryStores.open(StoreSettings.of("duckdb:" + db))) {
            s.describe(MetricDescriptor.gauge("facility.power", Unit.WATT));
            s.describe(MetricDescriptor.gauge("it.power", Unit.WATT));
            List<Sample> samples = new ArrayList<>();
            for (Instant t = FROM.minus(Duration.ofMinutes(10)); !t.isAfter(TO.plus(Duration.ofMinutes(10)));
                    t = t.plus(Duration.ofMinutes(1))) {
                samples.add(Sample.of(SeriesKey.of("facility.power", "site", "lyon"), t, 150_000));
                samples.add(Sample.of(SeriesKey.of("it.power", "site", "lyon"), t, 100_000));
                samples.add(Sample.of(SeriesKey.of("facility.power", "site", "paris"), t, 240_000));
                samples.add(Sample.of(SeriesKey.of("it.power", "site", "paris"), t, 200_000));
            }
            s.append(samples);
        }
    }

    private CliRun report(String... extra) {
        List<String> args = new ArrayList<>(List.of("energy", "report", "--config", dir.toString(), store,
                "--from", FROM.toString(), "--to", TO.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static JsonNode kpi(JsonNode period, String id) {
        for (JsonNode k : period.get("kpis")) {
            if (k.get("id").asText().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("no KPI " + id);
    }

    @Test
    void jsonGivesEachKpiWithCategoryCoverageAndSeries() throws IOException {
        JsonNode root = JSON.readTree(report("--site", "lyon", "--step", "1h", "--format", "json").out());

        JsonNode pue = kpi(root.get("total"), "pue");
        assertThat(pue.get("value").asDouble()).isCloseTo(150.0 / 100, within(1e-12));
        assertThat(pue.get("label").asText()).isEqualTo("PUE category 1 (UPS output)");
        assertThat(pue.get("coverage").asDouble()).isEqualTo(1.0);
        assertThat(pue.get("series")).extracting(JsonNode::asText)
                .containsExactly("facility.power{site=\"lyon\"}", "it.power{site=\"lyon\"}");
        JsonNode cue = kpi(root.get("total"), "cue");
        assertThat(cue.get("value").asDouble()).isCloseTo(150.0 * 50 / 1000 / 100, within(1e-12));
        JsonNode wue = kpi(root.get("total"), "wue");
        assertThat(wue.get("value").isNull()).isTrue();
        assertThat(wue.get("reason").asText()).contains("no water meter");
        assertThat(root.get("steps")).hasSize(2);
        assertThat(root.get("it_category").get("number").asInt()).isEqualTo(1);
        for (JsonNode f : root.get("total").get("figures")) {
            switch (f.get("id").asText()) {
                case "facility" -> assertThat(f.get("value").asDouble()).isCloseTo(150.0 * 2, within(1e-9));
                case "co2" -> assertThat(f.get("value").asDouble()).isCloseTo(150.0 * 2 * 50 / 1000, within(1e-9));
                case "cost" -> assertThat(f.get("value").asDouble()).isCloseTo(150.0 * 2 * 0.2, within(1e-9));
                default -> { }
            }
        }
    }

    @Test
    void csvHasOneRowPerFigureAndKpiPerPeriod() {
        List<String> lines = report("--site", "lyon", "--step", "1h", "--format", "csv").out().lines().toList();

        assertThat(lines.getFirst()).isEqualTo("site,period,from,to,kind,id,label,zone,value,unit,coverage,series,reason");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "lyon,total,2026-11-24T00:00:00Z,2026-11-24T02:00:00Z,kpi,pue,PUE category 1 (UPS output),,1.5,,1.000000,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "lyon,step,2026-11-24T01:00:00Z,2026-11-24T02:00:00Z,figure,facility,facility energy,,150,kWh,1.000000,"));
        // 4 figures (facility, it, co2, cost) and 6 KPIs (pue, cue, wue, ere, erf, ref) for the total and 2 steps.
        assertThat(lines).hasSize(1 + 3 * (4 + 6));
    }

    @Test
    void tablePrintsLabelsValuesAndReasons() {
        String out = report("--site", "lyon").out();

        assertThat(out).contains("Energy report for site lyon").contains("PUE category 1 (UPS output)")
                .contains("1.5000").contains("100.0%").contains("no water meter configured");
    }

    @Test
    void withoutASiteTheFleetIsComparedWithEachCategory() throws IOException {
        String table = report().out();
        JsonNode fleet = JSON.readTree(report("--format", "json").out());

        assertThat(table).contains("lyon", "paris", "1.5000", "1.2000");
        assertThat(fleet.get("sites")).hasSize(2);
        JsonNode paris = fleet.get("sites").get(1);
        assertThat(paris.get("site").asText()).isEqualTo("paris");
        assertThat(kpi(paris.get("total"), "pue").get("label").asText()).isEqualTo("PUE category 3 (IT equipment input)");
        assertThat(kpi(paris.get("total"), "pue").get("value").asDouble()).isCloseTo(240.0 / 200, within(1e-12));
    }

    @Test
    void anUnknownSiteAndABadFormatAreUsageErrors() {
        CliRun site = CliRun.of("energy", "report", "--config", dir.toString(), store, "--from", FROM.toString(),
                "--site", "berlin");
        CliRun format = CliRun.of("energy", "report", "--config", dir.toString(), store, "--from", FROM.toString(),
                "--format", "xml");

        assertThat(site.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(site.err()).contains("no energy configuration for site 'berlin'").contains("lyon, paris");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("--format: unknown format 'xml'");
    }

    @Test
    void anInvalidEnergyFileIsReportedWithFileLineAndField() throws IOException {
        Files.writeString(dir.resolve("energy/lyon.yaml"), """
                version: dcsuite/v1
                energy:
                  site: lyon
                  facility:
                    meters: [ { series: 'facility.power' } ]
                  it:
                    category: 5
                    meters: [ { series: 'it.power' } ]
                """);

        CliRun run = CliRun.of("energy", "report", "--config", dir.toString(), store, "--from", FROM.toString());
        CliRun validate = CliRun.of("validate", "--config", dir.toString());

        String expected = dir.resolve("energy/lyon.yaml") + ":7:15: energy.it.category: must be 1 (UPS output), "
                + "2 (PDU output) or 3 (IT equipment input), got 5";
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).containsExactly(expected);
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(validate.err().lines()).containsExactly(expected);
    }

    @Test
    void validateReportsEnergyProblemsAlongsideSiteProblems() throws IOException {
        Files.writeString(dir.resolve("sites/paris.yaml"), "version: dcsuite/v1\nsite:\n  id: paris\n  tme_zone: UTC\n");
        Files.writeString(dir.resolve("energy/lyon.yaml"), "version: dcsuite/v1\nenergy:\n  site: lyon\n");

        CliRun validate = CliRun.of("validate", "--config", dir.toString());

        assertThat(validate.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(validate.err()).contains(dir.resolve("sites/paris.yaml") + ":4:3: site.tme_zone: unknown field")
                .contains(dir.resolve("energy/lyon.yaml") + ":3:3: energy.facility: missing required field");
    }

    @Test
    void theExampleConfigurationValidates() {
        Path examples = Path.of("..", "examples", "config").toAbsolutePath().normalize();

        CliRun run = CliRun.of("validate", "--config", examples.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("energy for 1 site(s)");
    }
}
