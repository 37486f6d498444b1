package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dcsuite.core.time.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines that {@code dcsuite query} rejects before touching a store: one stderr line, exit 2. */
class QueryCommandUsageTest {

    private static final String STORE = "--store=duckdb:/nonexistent/never-opened.duckdb";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad selector     | hw.power{site=  | --from=now-1h | --to=now | --step=1m  | --agg=last  | --format=csv | dcsuite query: invalid selector 'hw.power{site=' at position 15: expected a quoted string but the input ended
            bad from         | hw.power        | --from=yesterday | --to=now | --step=1m | --agg=last | --format=csv | dcsuite query: --from: invalid time 'yesterday': use RFC 3339 (2026-11-24T10:00:00Z), unix seconds (1764000000), now or now-1h
            bad to           | hw.power        | --from=now-1h | --to=2026-13-01 | --step=1m | --agg=last | --format=csv | dcsuite query: --to: invalid time '2026-13-01': use RFC 3339 (2026-11-24T10:00:00Z), unix seconds (1764000000), now or now-1h
            bad step         | hw.power        | --from=now-1h | --to=now | --step=5x  | --agg=last  | --format=csv | dcsuite query: --step: invalid duration '5x': use a number and a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m, 1d
            zero step        | hw.power        | --from=now-1h | --to=now | --step=0s  | --agg=last  | --format=csv | dcsuite query: --step: duration '0s' must be greater than zero
            bad window       | hw.power        | --from=now-1h | --to=now | --window=x | --agg=last  | --format=csv | dcsuite query: --window: invalid duration 'x': use a number and a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m, 1d
            bad agg          | hw.power        | --from=now-1h | --to=now | --step=1m  | --agg=median | --format=csv | dcsuite query: --agg: unknown aggregation 'median': use one of avg, min, max, sum, count, last, rate, increase
            bad format       | hw.power        | --from=now-1h | --to=now | --step=1m  | --agg=last  | --format=xml | dcsuite query: --format: unknown format 'xml': use csv or json
            to before from   | hw.power        | --from=1764000000 | --to=1763999999 | --step=1m | --agg=last | --format=csv | dcsuite query: --to 1763999999 (2025-11-24T15:59:59Z) is before --from 1764000000 (2025-11-24T16:00:00Z)
            too many points  | hw.power        | --from=now-1d | --to=now | --step=1s  | --agg=last  | --format=csv | dcsuite query: --step 1s: 86401 points per series from --from to --to, more than 11000: use a larger step
            window too wide  | hw.power        | --from=now-1h | --to=now | --step=1s  | --window=1h | --format=csv | dcsuite query: --window 1h is more than 1000 steps of 1s
            empty matcher    | '{site=""}'     | --from=now-1h | --to=now | --step=1m  | --agg=last  | --format=csv | dcsuite query: invalid selector '{site=""}' at position 1: a selector needs a metric name or at least one matcher that does not match the empty string
            """)
    void rejectsWithOneLine(String name, String selector, String a, String b, String c, String d, String e,
            String expected) {
        CliRun run = CliRun.of("query", selector, a, b, c, d, e, STORE);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo(expected + "\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownStoreSchemeIsAUsageError() {
        CliRun run = CliRun.of("query", "hw.power", "--from=now-1h", "--store=mysql://x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("dcsuite query: unsupported store URL 'mysql://x': use duckdb:PATH or ")
                .hasLineCount(1);
    }

    @Test
    void missingFromIsAUsageError() {
        CliRun run = CliRun.of("query", "hw.power", STORE);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("dcsuite: Missing required option: '--from=TIME'\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0s, 1s", "4m, 1s", "5m, 5s", "1h, 15s", "6h, 5m", "1d, 10m", "7d, 1h", "30d, 3h", "60d, 6h",
            "180d, 1d", "365d, 2d"})
    void defaultStepGivesAtMost250Points(String range, String step) {
        Instant end = Instant.parse("2026-11-24T00:00:00Z");
        Duration r = Durations.parse(range);

        Duration chosen = QueryCommand.defaultStep(end.minus(r), end);

        assertThat(chosen).isEqualTo(Durations.parse(step));
        assertThat(r.toMillis() / chosen.toMillis() + 1).isLessThanOrEqualTo(QueryCommand.DEFAULT_MAX_POINTS);
    }

    @Test
    void helpDocumentsTheDefaultStep() {
        CliRun run = CliRun.of("query", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("1s, 5s, 10s, 15s, 30s, 1m, 5m, 10m, 15m, 30m, 1h, 3h, 6h, 12h, 1d (or whole days beyond)"
                        + " giving at most 250 points per series");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeeded() {
        assertThat(QueryCommand.csv("plain")).isEqualTo("plain");
        assertThat(QueryCommand.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(QueryCommand.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(QueryCommand.csv("two\nlines")).isEqualTo("\"two\nlines\"");
    }
}
