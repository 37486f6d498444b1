package org.dcsuite.tests.slo;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The SRE Workbook's default multiwindow, multi-burn-rate policy for a 30-day window, written down here
 * independently of both the rule file and the engine: a tier fires when, for one of its window pairs, both
 * windows burn faster than the pair's factor.
 */
final class BurnRatePolicy {

    /** Both windows must burn faster than {@code factor}. */
    record WindowPair(String longWindow, String shortWindow, double factor) {
    }

    static final Map<String, List<WindowPair>> TIERS = Map.of(
            "page", List.of(new WindowPair("1h", "5m", 14.4), new WindowPair("6h", "30m", 6)),
            "ticket", List.of(new WindowPair("1d", "2h", 3), new WindowPair("3d", "6h", 1)));

    private BurnRatePolicy() {
    }

    static boolean fires(String tier, Map<String, Double> burns) {
        return Boolean.TRUE.equals(decide(tier, (w, factor) -> burns.get(w) > factor));
    }

    /**
     * The tier's state in three-valued logic: {@code exceeds} answers true, false or null (undecided) for
     * "burn(window) > factor", and the answer is null when the undecided comparisons could tip it either way.
     */
    static Boolean decide(String tier, BiFunction<String, Double, Boolean> exceeds) {
        Boolean any = false;
        for (WindowPair p : TIERS.get(tier)) {
            Boolean both = and(exceeds.apply(p.longWindow(), p.factor()), exceeds.apply(p.shortWindow(), p.factor()));
            any = or(any, both);
        }
        return any;
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }
}
