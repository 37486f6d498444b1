package org.dcsuite.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.dcsuite.app.promapi.PrometheusJson;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcsuite query}: a range query against the store, printed as CSV or Prometheus JSON. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates a range query: for every series SELECTOR matches and every time t = FROM + k*STEP up "
                        + "to TO, the aggregation of the samples with timestamps in [t, t+WINDOW). Steps without "
                        + "samples give no point.",
                "",
                "Times: RFC 3339 (2026-11-24T10:00:00Z), unix seconds (1764000000), now, now-1h. "
                        + "Durations: 30s, 5m, 1h30m, 1d."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the query ran (also when it matched nothing)",
                "1:the store failed",
                "2:the command line is wrong (flag, selector, time, duration, store URL)"})
public final class QueryCommand implements Callable<Integer> {

    /** Default steps give at most this many points per series. */
    public static final int DEFAULT_MAX_POINTS = 250;
    private static final List<Duration> NICE_STEPS = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));
    private static final Set<String> CSV_FIXED_COLUMNS = Set.of("time", "metric", "value", "unit");

    @Parameters(index = "0", paramLabel = "SELECTOR",
            description = "A PromQL series selector, e.g. 'hw.power{site=\"lyon\",device=~\"pdu-.*\"}'.")
    String selector;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the range.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
            description = "End of the range, inclusive (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--step", paramLabel = "DURATION",
            description = "Time between points. Default: the smallest of 1s, 5s, 10s, 15s, 30s, 1m, 5m, 10m, "
                    + "15m, 30m, 1h, 3h, 6h, 12h, 1d (or whole days beyond) giving at most "
                    + DEFAULT_MAX_POINTS + " points per series.")
    String step;

    @Option(names = "--agg", paramLabel = "FUNCTION", defaultValue = "last",
            description = "avg, min, max, sum, count, last, rate or increase (default ${DEFAULT-VALUE}).")
    String aggregation;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Width of each window, at most 1000 steps (default: the step).")
    String window;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv (time,metric,one column per label,value,unit; RFC 3339 UTC times) or json "
                    + "(the Prometheus query_range response) (default ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    /** The time source for {@code now}; replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        SeriesSelector series = SeriesSelector.parse(selector);
        // One instant for both flags, so that --from now-1h --to now spans exactly one hour.
        Clock now = Clock.fixed(clock.instant(), ZoneOffset.UTC);
        Instant start = FlagValues.time("--from", from, now);
        Instant end = FlagValues.time("--to", to, now);
        if (end.isBefore(start)) {
            throw new UsageException("--to " + to + " (" + end + ") is before --from " + from + " (" + start + ")");
        }
        Duration stepDuration = step == null ? defaultStep(start, end) : FlagValues.positiveDuration("--step", step);
        Duration windowDuration = window == null ? stepDuration : FlagValues.positiveDuration("--window", window);
        Aggregation agg;
        try {
            agg = Aggregation.parse(aggregation);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--agg: " + e.getMessage());
        }
        boolean json = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "csv" -> false;
            default -> throw new UsageException("--format: unknown format '" + format + "': use csv or json");
        };
        long points = (end.toEpochMilli() - start.toEpochMilli()) / stepDuration.toMillis() + 1;
        if (points > RangeQuery.MAX_POINTS_PER_SERIES) {
            throw new UsageException("--step " + Durations.format(stepDuration) + ": " + points
                    + " points per series from --from to --to, more than " + RangeQuery.MAX_POINTS_PER_SERIES
                    + ": use a larger step");
        }
        if (windowDuration.toMillis() / stepDuration.toMillis() > 1000) {
            throw new UsageException("--window " + Durations.format(windowDuration) + " is more than 1000 steps of "
                    + Durations.format(stepDuration));
        }
        RangeQuery query = new RangeQuery(series, start, end, stepDuration, windowDuration, agg);
        List<RangeSeries> result;
        try (TelemetryStore target = TelemetryStores.open(store.settings())) {
            result = target.query(query);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PrometheusJson.matrix(result));
        } else {
            writeCsv(out, result);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The smallest nice step giving at most {@link #DEFAULT_MAX_POINTS} points over the range. */
    static Duration defaultStep(Instant start, Instant end) {
        long range = end.toEpochMilli() - start.toEpochMilli();
        long needed = (range + DEFAULT_MAX_POINTS - 2) / (DEFAULT_MAX_POINTS - 1);
        for (Duration d : NICE_STEPS) {
            if (d.toMillis() >= needed) {
                return d;
            }
        }
        long day = Duration.ofDays(1).toMillis();
        return Duration.ofDays((needed + day - 1) / day);
    }

    /**
     * One row per point with the metric and each label in its own column, so a spreadsheet can filter and
     * pivot on them; series without a label leave its cell empty.
     */
    static void writeCsv(PrintWriter out, List<RangeSeries> result) {
        TreeSet<String> labels = new TreeSet<>();
        for (RangeSeries s : result) {
            labels.addAll(s.series().attributes().keySet());
        }
        StringBuilder header = new StringBuilder("time,metric");
        for (String label : labels) {
            // A label called "value" must not be mistaken for the value column.
            header.append(',').append(csv(CSV_FIXED_COLUMNS.contains(label) ? "label_" + label : label));
        }
        out.print(header.append(",value,unit\n"));
        StringBuilder row = new StringBuilder();
        for (RangeSeries s : result) {
            StringBuilder prefix = new StringBuilder(csv(s.series().metric()));
            for (String label : labels) {
                prefix.append(',').append(csv(s.series().attributes().getOrDefault(label, "")));
            }
            String unit = csv(s.unit().code());
            for (Point p : s.points()) {
                row.setLength(0);
                row.append(p.time()).append(',').append(prefix).append(',')
                        .append(PrometheusJson.formatValue(p.value())).append(',').append(unit).append('\n');
                out.print(row);
            }
        }
    }

    /** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
    static String csv(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }
}
