package org.dcsuite.benchmarks.slo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dcsuite.core.time.Durations;
import org.dcsuite.slo.definition.AlertRule;
import org.dcsuite.slo.definition.BurnCondition;
import org.dcsuite.slo.definition.Comparison;
import org.dcsuite.slo.definition.SliDefinition;
import org.dcsuite.slo.definition.SloDefinition;

/**
 * Prometheus rules for ratio SLOs laid out as Sloth generates them: per SLO a group of SLI recording rules (the
 * error ratio over each burn-rate window and over the SLO period), a group of metadata rules and a group with one
 * alert per tier of the SLO's policy, each window pair compared against factor x (1 - objective).
 *
 * <p>One departure: Sloth records the period ratio as the average of its own 5-minute ratio over the period,
 * which needs 30 days of recorded history that a backfilled Prometheus does not have. The period rule here is the
 * ratio of rates over the raw counters instead; it reads about 37k samples per SLO where Sloth's form reads 86k
 * (two passes over 43,200 one-minute points), so it is, if anything, cheaper for Prometheus.
 */
final class SlothRules {

    private SlothRules() {
    }

    record Written(int groups, int rules) {
    }

    static Written write(Path file, List<SloDefinition> slos) throws IOException {
        int groups = 0;
        int rules = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Rules as Sloth writes them for the benchmark's SLOs (see SlothRules.java).\ngroups:\n");
            for (SloDefinition slo : slos) {
                if (!(slo.sli() instanceof SliDefinition.Ratio ratio) || ratio.bad() == null) {
                    throw new IllegalArgumentException(slo.name() + ": only bad/total ratio SLIs are written as rules");
                }
                String id = slo.service() + "-" + slo.name();
                String labels = "sloth_id: " + id + "\n      sloth_service: " + slo.service() + "\n      sloth_slo: "
                        + slo.name() + "\n";
                String match = "{sloth_id=\"" + id + "\", sloth_service=\"" + slo.service() + "\", sloth_slo=\""
                        + slo.name() + "\"}";
                Duration period = slo.window().length(java.time.Instant.EPOCH);
                String budget = String.format(Locale.ROOT, "%.10g", 1 - slo.objective());

                w.write("- name: sloth-slo-sli-recordings-" + id + "\n  rules:\n");
                for (Duration window : windows(slo, period)) {
                    String d = Durations.format(window);
                    w.write("  - record: slo:sli_error:ratio_rate" + d + "\n    expr: |\n      (sum(rate(" + ratio.bad()
                            + "[" + d + "])))\n      /\n      (sum(rate(" + ratio.total() + "[" + d + "])))\n"
                            + "    labels:\n      " + labels + "      sloth_window: " + d + "\n");
                    rules++;
                }
                String periodText = Durations.format(period);
                w.write("- name: sloth-slo-meta-recordings-" + id + "\n  rules:\n");
                w.write(meta("slo:objective:ratio", "vector(" + slo.objective() + ")", labels));
                w.write(meta("slo:error_budget:ratio", "vector(1-" + slo.objective() + ")", labels));
                w.write(meta("slo:time_period:days", "vector(" + period.toDays() + ")", labels));
                w.write(meta("slo:current_burn_rate:ratio", "slo:sli_error:ratio_rate5m" + match
                        + " / on(sloth_id, sloth_slo, sloth_service) group_left slo:error_budget:ratio" + match, labels));
                w.write(meta("slo:period_burn_rate:ratio", "slo:sli_error:ratio_rate" + periodText + match
                        + " / on(sloth_id, sloth_slo, sloth_service) group_left slo:error_budget:ratio" + match, labels));
                w.write(meta("slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio" + match,
                        labels));
                w.write(meta("sloth_slo_info", "vector(1)", labels));
                rules += 7;
                w.write("- name: sloth-slo-alerts-" + id + "\n  rules:\n");
                for (String tier : slo.alertPolicy().tiers()) {
                    List<String> alternatives = new ArrayList<>();
                    for (AlertRule rule : slo.alertPolicy().rules()) {
                        if (!rule.tier().equals(tier)) {
                            continue;
                        }
                        List<String> conditions = new ArrayList<>();
                        for (BurnCondition c : rule.conditions()) {
                            conditions.add("(slo:sli_error:ratio_rate" + Durations.format(c.window()) + match + " "
                                    + promql(c.op()) + " (" + c.thresholdFor(period) + " * " + budget + "))");
                        }
                        alternatives.add("(" + String.join(" and ignoring (sloth_window) ", conditions) + ")");
                    }
                    w.write("  - alert: BenchmarkSloErrorBudgetBurn\n    expr: |\n      " + String.join(" or ignoring (sloth_window) ",
                            alternatives) + "\n    labels:\n      sloth_severity: " + tier + "\n");
                    rules++;
                }
                groups += 3;
            }
        }
        return new Written(groups, rules);
    }

    /** The policy's burn-rate windows, then the SLO period. */
    private static Set<Duration> windows(SloDefinition slo, Duration period) {
        Set<Duration> windows = new LinkedHashSet<>(List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)));
        slo.alertPolicy().rules().forEach(r -> r.conditions().forEach(c -> windows.add(c.window())));
        windows.add(period);
        return windows;
    }

    private static String promql(Comparison op) {
        return switch (op) {
            case LT -> "<";
            case LTE -> "<=";
            case GT -> ">";
            case GTE -> ">=";
        };
    }

    private static String meta(String record, String expr, String labels) {
        return "  - record: " + record + "\n    expr: |\n      " + expr + "\n    labels:\n      " + labels;
    }
}
