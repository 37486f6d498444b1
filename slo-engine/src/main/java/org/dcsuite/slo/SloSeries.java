package org.dcsuite.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.slo.definition.CompositeSlo;
import org.dcsuite.slo.definition.SloDefinition;

/**
 * SLO results as series, written by the server at each evaluation as Sloth's recording rules are for Prometheus:
 * dashboards chart their history from the store and any PromQL client reads them. Labelled {@code slo} and
 * {@code service}; a value the engine could not compute (no data) is not written, so it goes stale.
 */
public final class SloSeries {

    public static final String SLO_LABEL = "slo";
    public static final String SERVICE_LABEL = "service";
    public static final String WINDOW_LABEL = "window";
    public static final String TIER_LABEL = "tier";

    public static final MetricDescriptor SLI = new MetricDescriptor("slo.sli", Unit.ONE,
            MetricKind.GAUGE, "The SLI over the SLO's window (share of good events or slices).");
    public static final MetricDescriptor OBJECTIVE = new MetricDescriptor("slo.objective", Unit.ONE,
            MetricKind.GAUGE, "The SLO's objective.");
    public static final MetricDescriptor BUDGET_REMAINING = new MetricDescriptor("slo.error_budget.remaining",
            Unit.ONE, MetricKind.GAUGE,
            "Share of the error budget left: 1 untouched, below 0 overspent.");
    public static final MetricDescriptor BURN_RATE = new MetricDescriptor("slo.burn_rate", Unit.ONE,
            MetricKind.GAUGE, "Burn rate over the window label (1 spends the budget "
                    + "exactly over the SLO window).");
    public static final MetricDescriptor ALERT_FIRING = new MetricDescriptor("slo.alert.firing", Unit.ONE,
            MetricKind.GAUGE, "1 while the tier's multi-window burn-rate rule holds, else 0.");

    private SloSeries() {
    }

    public static List<MetricDescriptor> metrics() {
        return List.of(SLI, OBJECTIVE, BUDGET_REMAINING, BURN_RATE, ALERT_FIRING);
    }

    /** The samples of one evaluation at {@code at}: every tier of each SLO's policy gets a 1 or a 0. */
    public static List<Sample> samples(SloDefinitions definitions, List<SloStatus> statuses, Instant at) {
        Map<String, Set<String>> tiers = new HashMap<>();
        for (SloDefinition d : definitions.all()) {
            tiers.put(d.name(), d.alertPolicy().tiers());
        }
        for (CompositeSlo c : definitions.composites()) {
            tiers.put(c.name(), c.alertPolicy().tiers());
        }
        long t = at.toEpochMilli();
        List<Sample> out = new ArrayList<>();
        for (SloStatus s : statuses) {
            out.add(sample(OBJECTIVE, s, t, s.objective()));
            if (s.sli() != null) {
                out.add(sample(SLI, s, t, s.sli()));
            }
            if (s.budgetRemaining() != null) {
                out.add(sample(BUDGET_REMAINING, s, t, s.budgetRemaining()));
            }
            s.burnRates().forEach((window, rate) -> out.add(new Sample(
                    key(BURN_RATE, s).with(WINDOW_LABEL, window), t, rate)));
            for (String tier : tiers.getOrDefault(s.name(), Set.of())) {
                out.add(new Sample(key(ALERT_FIRING, s).with(TIER_LABEL, tier), t,
                        s.alertsFiring().contains(tier) ? 1 : 0));
            }
        }
        return out;
    }

    private static Sample sample(MetricDescriptor metric, SloStatus s, long t, double value) {
        return new Sample(key(metric, s), t, value);
    }

    private static SeriesKey key(MetricDescriptor metric, SloStatus s) {
        return SeriesKey.of(metric.name(), SLO_LABEL, s.name(), SERVICE_LABEL, s.service());
    }
}
