package org.dcsuite.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.BurnCondition;
import org.dcsuite.slo.definition.CompositeSlo;

/**
 * Composite SLOs from their components' statuses. WEIGHTED: SLI, remaining budget and each burn rate are
 * weighted means over the components that have a value; ANY: the worst component decides each of them (lowest
 * SLI and remaining budget, highest burn). Burn rates are already relative to each component's own objective,
 * so they combine without rescaling; the composite's alert policy runs on the combined burn rates, with its
 * factors scaled by the longest component window.
 */
final class CompositeEvaluation {

    private CompositeEvaluation() {
    }

    static SloStatus evaluate(CompositeSlo composite, Map<String, SloStatus> byName,
            Map<String, java.time.Duration> windowLengths) {
        List<SloStatus> parts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        java.time.Duration length = java.time.Duration.ZERO;
        for (CompositeSlo.Component c : composite.components()) {
            parts.add(byName.get(c.slo()));
            weights.add(c.weight());
            java.time.Duration l = windowLengths.get(c.slo());
            if (l.compareTo(length) > 0) {
                length = l;
            }
        }
        boolean any = composite.mode() == CompositeSlo.Mode.ANY;
        Double sli = combine(parts, weights, SloStatus::sli, any, false);
        Double remaining = combine(parts, weights, SloStatus::budgetRemaining, any, false);
        Map<String, Double> burns = new LinkedHashMap<>();
        for (String key : BurnWindows.ALL.keySet()) {
            Double b = combine(parts, weights, s -> s.burnRates().get(key), any, true);
            if (b != null) {
                burns.put(key, b);
            }
        }
        Set<String> firing = new LinkedHashSet<>();
        for (AlertRule rule : composite.alertPolicy().rules()) {
            boolean holds = true;
            for (BurnCondition c : rule.conditions()) {
                Double b = burns.get(key(c));
                holds &= b != null && c.op().test(b, c.thresholdFor(length));
            }
            if (holds) {
                firing.add(rule.tier());
            }
        }
        Instant at = parts.get(0).at();
        return new SloStatus(at, composite.name(), composite.service(), composite.objective(),
                "composite (" + org.dcsuite.core.time.Durations.format(length) + ")", "Composite", sli, remaining,
                null, burns, new ArrayList<>(firing), null,
                composite.components().stream().map(CompositeSlo.Component::slo).toList());
    }

    /** The report key of a condition's window; composites only know the standard windows. */
    private static String key(BurnCondition c) {
        for (Map.Entry<String, java.time.Duration> e : BurnWindows.ALL.entrySet()) {
            if (e.getValue().equals(c.window())) {
                return e.getKey();
            }
        }
        return "";
    }

    private static Double combine(List<SloStatus> parts, List<Double> weights,
            java.util.function.Function<SloStatus, Double> value, boolean worst, boolean highIsWorse) {
        double sum = 0;
        double weight = 0;
        Double extreme = null;
        for (int i = 0; i < parts.size(); i++) {
            Double v = value.apply(parts.get(i));
            if (v == null || v.isNaN()) {
                continue;
            }
            sum += weights.get(i) * v;
            weight += weights.get(i);
            if (extreme == null || (highIsWorse ? v > extreme : v < extreme)) {
                extreme = v;
            }
        }
        if (weight == 0) {
            return null;
        }
        return worst ? extreme : sum / weight;
    }
}
