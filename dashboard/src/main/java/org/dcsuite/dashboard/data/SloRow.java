package org.dcsuite.dashboard.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One SLO as the SLO views show it: metadata from its definition, figures from the newest {@code slo.*} series the
 * server's evaluation wrote (empty when the engine had no data or the series went stale).
 *
 * @param objective       the definition's objective, a fraction (0.999)
 * @param window          the definition's window as people write it ({@code 30d}, {@code 1 calendar month (UTC)})
 * @param method          the budgeting method's OpenSLO name, or {@code Composite (weighted)} for a composite
 * @param sli             {@code slo.sli}, a fraction
 * @param budgetRemaining {@code slo.error_budget.remaining}: 1 untouched, below 0 overspent
 * @param burnRates       {@code slo.burn_rate} by window label ({@code 1h}), only the windows stored
 * @param burnBands       how alarming each stored burn rate is against the SLO's alert policy
 * @param burnThresholds  per window, the policy's thresholds on it (scaled to the SLO's window), for tooltips
 * @param tiers           the alert policy's tiers, most urgent (first written) first
 * @param firing          the tiers whose {@code slo.alert.firing} is 1 now
 * @param evaluatedAt     the time of the newest {@code slo.sli} sample
 * @param sites           the configured sites this SLO belongs to ({@link SloBoardService#sitesOf})
 */
public record SloRow(String name, String service, boolean composite, double objective, String window, String method,
        OptionalDouble sli, OptionalDouble budgetRemaining, Map<String, Double> burnRates,
        Map<String, BurnBand> burnBands, Map<String, String> burnThresholds, List<String> tiers, List<String> firing,
        Optional<Instant> evaluatedAt, Set<String> sites) {

    /** Above this share of the budget left the bar is green. */
    public static final double BUDGET_HEALTHY = 0.5;
    /** Below this share of the budget left (and not overspent) the bar is red; in between amber. */
    public static final double BUDGET_CRITICAL = 0.2;

    public SloRow {
        Objects.requireNonNull(name, "name");
        burnRates = Map.copyOf(burnRates);
        burnBands = Map.copyOf(burnBands);
        burnThresholds = Map.copyOf(burnThresholds);
        tiers = List.copyOf(tiers);
        firing = List.copyOf(firing);
        sites = Set.copyOf(sites);
    }

    /** The colour band of the error-budget bar. */
    public BudgetBand budgetBand() {
        if (budgetRemaining.isEmpty()) {
            return BudgetBand.UNKNOWN;
        }
        double b = budgetRemaining.getAsDouble();
        if (b < 0) {
            return BudgetBand.OVERSPENT;
        }
        return b >= BUDGET_HEALTHY ? BudgetBand.HEALTHY : b >= BUDGET_CRITICAL ? BudgetBand.LOW : BudgetBand.CRITICAL;
    }

    /** Green at or above 50 % of the budget left, amber from 20 %, red below 20 % and when overspent. */
    public enum BudgetBand { HEALTHY, LOW, CRITICAL, OVERSPENT, UNKNOWN }

    /**
     * How a burn rate compares with the alert policy's conditions on the same window: {@link #PAGE} above a
     * threshold of the policy's first (most urgent) tier, {@link #ELEVATED} above another tier's threshold or above
     * 1 (spending faster than the budget lasts), {@link #NORMAL} otherwise.
     */
    public enum BurnBand { NORMAL, ELEVATED, PAGE }
}
