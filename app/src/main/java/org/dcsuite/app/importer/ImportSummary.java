package org.dcsuite.app.importer;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dcsuite.app.importer.OpenMetricsParser.Problem;

/**
 * What an import stored and what it skipped, line by line.
 *
 * @param source     the input as named to the user (the file name)
 * @param series     distinct series in the input
 * @param samples    samples stored
 * @param outOfOrder stored samples whose time is not after the previous sample of their series
 * @param problems   per reason: how many lines and the first few of them
 * @param elapsed    wall-clock time of the import
 */
public record ImportSummary(String source, long series, long samples, long outOfOrder,
        Map<SkipReason, Skipped> problems, Duration elapsed) {

    /** How many lines one reason covers, with the first {@link OpenMetricsImporter#EXAMPLES_PER_REASON}. */
    public record Skipped(long count, List<Problem> examples) {
        public Skipped {
            examples = List.copyOf(examples);
        }
    }

    public ImportSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(elapsed, "elapsed");
        problems = problems.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    /** Lines that were not imported. */
    public long skippedLines() {
        return problems.entrySet().stream()
                .filter(e -> e.getKey().skipsLine())
                .mapToLong(e -> e.getValue().count())
                .sum();
    }

    /** The number of lines skipped for one reason. */
    public long count(SkipReason reason) {
        Skipped s = problems.get(reason);
        return s == null ? 0 : s.count();
    }

    /** The summary shown at the end of {@code dcsuite import}, lines separated by {@code \n}. */
    public String report(String storeLocation) {
        StringBuilder sb = new StringBuilder();
        double seconds = elapsed.toMillis() / 1000.0;
        long rate = elapsed.toMillis() == 0 ? samples : samples * 1000 / elapsed.toMillis();
        sb.append(String.format(Locale.ROOT, "imported %s into %s: %d series, %d samples", source, storeLocation,
                series, samples));
        if (outOfOrder > 0) {
            sb.append(" (").append(outOfOrder).append(" out of order, stored)");
        }
        sb.append(String.format(Locale.ROOT, " in %.1fs (%d samples/s)\n", seconds, rate));
        long skipped = skippedLines();
        if (skipped > 0) {
            sb.append("skipped ").append(skipped).append(skipped == 1 ? " line" : " lines").append(":\n");
        }
        for (Map.Entry<SkipReason, Skipped> e : problems.entrySet()) {
            SkipReason reason = e.getKey();
            Skipped s = e.getValue();
            if (!reason.skipsLine()) {
                continue;
            }
            sb.append("  ").append(reason.label()).append(": ").append(s.count()).append('\n');
            for (Problem p : s.examples()) {
                sb.append("    ").append(source).append(':').append(p.line()).append(": ").append(p.message())
                        .append('\n');
            }
            if (s.count() > s.examples().size()) {
                sb.append("    ... and ").append(s.count() - s.examples().size()).append(" more\n");
            }
        }
        Skipped missingEof = problems.get(SkipReason.MISSING_EOF);
        if (missingEof != null) {
            for (Problem p : missingEof.examples()) {
                sb.append("warning: ").append(source).append(':').append(p.line()).append(": ").append(p.message())
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
