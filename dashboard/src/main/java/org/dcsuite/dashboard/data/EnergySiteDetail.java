package org.dcsuite.dashboard.data;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.energy.report.EnergyReport;

/**
 * One site's energy over a range, with its trends ready to draw.
 *
 * @param report   the report, per step and for the whole range; empty with {@code problem} when there is none
 * @param ratios   PUE and each zone's pPUE per step
 * @param cue      CUE per step, in kgCO2/kWh
 * @param carbon   the carbon intensity over the range, in g/kWh
 * @param carbonSource what {@code carbon} is: the stored signal, or CO2 per facility kWh of the report's steps
 */
public record EnergySiteDetail(String site, EnergyRange range, Instant start, Instant end,
        Optional<EnergyReport> report, Optional<ChartData> ratios, Optional<ChartData> cue,
        Optional<ChartData> carbon, String carbonSource, Optional<String> problem) {

    public EnergySiteDetail {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(ratios, "ratios");
        Objects.requireNonNull(cue, "cue");
        Objects.requireNonNull(carbon, "carbon");
        Objects.requireNonNull(carbonSource, "carbonSource");
        Objects.requireNonNull(problem, "problem");
    }
}
