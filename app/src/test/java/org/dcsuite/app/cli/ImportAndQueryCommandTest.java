package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcsuite import openmetrics} and {@code dcsuite query} end to end on a DuckDB store in a temp folder. */
class ImportAndQueryCommandTest {

    private static final String INPUT = """
            # TYPE pdu_energy_joules counter
            # UNIT pdu_energy_joules joules
            pdu_energy_joules_total{pdu="p1",note="a, \\"quoted\\" note"} 100 1764000000
            pdu_energy_joules_total{pdu="p1",note="a, \\"quoted\\" note"} 150.5 1764000010
            pdu_energy_joules_total{pdu="p1",note="a, \\"quoted\\" note"} 20 1764000020
            # TYPE inlet_celsius gauge
            # UNIT inlet_celsius celsius
            inlet_celsius{rack="r1"} 21.5 1764000000
            inlet_celsius{rack="r1"} NaN 1764000010
            inlet_celsius{rack="r1"} 22 1764000000
            inlet_celsius{rack="r2"} 19
            # EOF
            """;

    @TempDir
    Path tmp;

    String store;
    Path file;

    @BeforeEach
    void setUp() throws IOException {
        store = "--store=duckdb:" + tmp.resolve("t.duckdb");
        file = Files.writeString(tmp.resolve("in.om"), INPUT);
    }

    private CliRun importFile() {
        CliRun run = CliRun.of("import", "openmetrics", file.toString(), store);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void importPrintsTheSummary() {
        CliRun run = importFile();

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("(?s)imported " + Pattern.quote(file.toString()) + " into .+: 2 series, 6 "
                + "samples \\(1 out of order, stored\\) in \\d+\\.\\ds \\(\\d+ samples/s\\)\n"
                + "skipped 1 line:\n"
                + "  samples without timestamp: 1\n"
                + "    " + Pattern.quote(file.toString()) + ":11: sample of inlet_celsius without timestamp\n");
    }

    @Test
    void queryCsvHasOneColumnPerLabelAndQuotesWhereNeeded() {
        importFile();

        CliRun run = CliRun.of("query", "{__name__=~\"pdu_energy_joules_total|inlet_celsius\"}",
                "--from=1764000000", "--to=1764000020", "--step=10s", store);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                time,metric,note,pdu,rack,value,unit
                2025-11-24T16:00:00Z,inlet_celsius,,,r1,22,Cel
                2025-11-24T16:00:10Z,inlet_celsius,,,r1,NaN,Cel
                2025-11-24T16:00:00Z,pdu_energy_joules_total,"a, ""quoted"" note",p1,,100,J
                2025-11-24T16:00:10Z,pdu_energy_joules_total,"a, ""quoted"" note",p1,,150.5,J
                2025-11-24T16:00:20Z,pdu_energy_joules_total,"a, ""quoted"" note",p1,,20,J
                """);
    }

    @Test
    void queryJsonIsAPrometheusQueryRangeResponse() throws IOException {
        importFile();

        CliRun run = CliRun.of("query", "pdu_energy_joules_total", "--from=1764000000", "--to=1764000020",
                "--step=20s", "--window=30s", "--agg=increase", "--format=json", store);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("status").asText()).isEqualTo("success");
        assertThat(json.at("/data/resultType").asText()).isEqualTo("matrix");
        JsonNode series = json.at("/data/result/0");
        assertThat(series.get("metric").toString())
                .isEqualTo("{\"__name__\":\"pdu_energy_joules_total\",\"note\":\"a, \\\"quoted\\\" note\",\"pdu\":\"p1\"}");
        // Windows are (t - 30s, t]: at 1764000000 only one sample is in the window, so the first increase is at +20s.
        assertThat(series.at("/values/0/0").decimalValue()).isEqualByComparingTo("1764000020");
        assertThat(series.at("/values/0/1").isTextual()).isTrue();
        assertThat(json.at("/data/result").size()).isEqualTo(1);
    }

    @Test
    void queryMatchingNothingPrintsOnlyTheHeader() {
        importFile();

        CliRun run = CliRun.of("query", "nothing_here", "--from=1764000000", "--to=1764000020", store);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("time,metric,value,unit\n");
    }

    @Test
    void missingFileFailsNamingIt() {
        Path missing = tmp.resolve("missing.om");

        CliRun run = CliRun.of("import", "openmetrics", missing.toString(), store);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("dcsuite openmetrics: cannot read " + missing + ": no such file\n");
        assertThat(Files.exists(tmp.resolve("t.duckdb"))).as("store not created").isFalse();
    }

    @Test
    void fileWithNothingImportableFails() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("garbage.om"), "not openmetrics at all\n");

        CliRun run = CliRun.of("import", "openmetrics", garbage.toString(), store);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("  syntax errors: 1\n", "warning: " + garbage + ":2: missing # EOF");
        assertThat(run.err()).isEqualTo("dcsuite import openmetrics: " + garbage + ": no sample imported\n");
    }

    @Test
    void importWithoutFormatOrFileIsAUsageError() {
        assertThat(CliRun.of("import").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun noFile = CliRun.of("import", "openmetrics", store);
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).startsWith("dcsuite: Missing required parameter: 'FILE'\n");
    }

    @Test
    void importToAnUnknownStoreSchemeIsAUsageError() {
        CliRun run = CliRun.of("import", "openmetrics", file.toString(), "--store=mysql://db");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("dcsuite openmetrics: unsupported store URL 'mysql://db'").hasLineCount(1);
    }
}
