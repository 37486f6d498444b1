package org.dcsuite.energy.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.dcsuite.energy.config.ItCategory;
import org.dcsuite.energy.meter.MeterGap;

/**
 * A site's energy over an interval: the whole interval, each step, every unmeasured span, and the problems
 * met (selectors matching nothing, a signal that could not be read).
 *
 * @param resolution the integration bucket width
 */
public record EnergyReport(String site, ZoneId timeZone, Instant from, Instant to, Duration resolution,
        Duration maxGap, ItCategory itCategory, String currency, Period total, List<Period> steps,
        List<MeterGap> gaps, List<String> problems) {

    public EnergyReport {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(itCategory, "itCategory");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        steps = List.copyOf(steps);
        gaps = List.copyOf(gaps);
        problems = List.copyOf(problems);
    }
}
