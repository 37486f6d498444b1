package org.dcsuite.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One SLO's state at one time. Values are null when there is no data to compute them from.
 *
 * @param window          {@code 30d} or {@code 1 calendar month (Europe/Paris)}
 * @param budgetingMethod Occurrences, Timeslices, RatioTimeslices, or Composite
 * @param budgetRemaining the share of the error budget left, negative once overspent
 * @param burnRates       keyed {@code 5m, 30m, 1h, 2h, 6h, 1d, 3d}; a window without data has no key
 * @param alertsFiring    the alert tiers whose rules hold, in the policy's order
 * @param components      the component SLOs of a composite; empty otherwise
 */
public record SloStatus(Instant at, String name, String service, double objective, String window,
        String budgetingMethod, Double sli, Double budgetRemaining, Budget budget, Map<String, Double> burnRates,
        List<String> alertsFiring, Exhaustion exhaustion, List<String> components) {

    public SloStatus {
        burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
        alertsFiring = List.copyOf(alertsFiring);
        components = List.copyOf(components);
    }

    /**
     * The budget in its own unit: events (Occurrences) or minutes (time slices, where a bad slice spends its
     * length and a RatioTimeslices slice its bad share of it).
     */
    public record Budget(String unit, double total, double consumed, double remaining) {
    }

    /**
     * When the budget runs out: at the current (1h) burn rate, and by a straight-line trend of the remaining
     * budget over the last 24 hours with its 95% confidence range ({@code trendLatest} is null when the trend
     * might be flat or rising). Null fields mean "not within sight".
     */
    public record Exhaustion(Instant atCurrentBurn, Instant trend, Instant trendEarliest, Instant trendLatest,
            Double trendRSquared) {
    }
}
