package org.dcsuite.dashboard.data;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.energy.report.EnergyReport;

/**
 * The configured sites side by side over one range.
 *
 * @param range   the range picked
 * @param start   the start asked for; each report carries the start it used (rounded down to its resolution)
 * @param end     the end asked for (the moment of the load)
 * @param rows    one per site, by site id
 * @param problem why there is no comparison (energy not configured, a range without a whole bucket)
 */
public record EnergyComparison(EnergyRange range, Instant start, Instant end, List<Row> rows,
        Optional<String> problem) {

    public EnergyComparison {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        rows = List.copyOf(rows);
        Objects.requireNonNull(problem, "problem");
    }

    /** One site's report with its energy per request. */
    public record Row(EnergyReport report, RequestEnergy requests) {

        public Row {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(requests, "requests");
        }

        public String site() {
            return report.site();
        }
    }
}
