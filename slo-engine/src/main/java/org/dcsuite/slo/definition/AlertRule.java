package org.dcsuite.slo.definition;

import java.util.List;
import java.util.Objects;

/**
 * Fires the tier when every condition holds (a long and a short window in the SRE Workbook's
 * multi-window alerts). Several rules of one policy may name the same tier: it fires if any of them does.
 */
public record AlertRule(String tier, List<BurnCondition> conditions) {

    public AlertRule {
        Objects.requireNonNull(tier, "tier");
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("an alert rule needs at least one condition");
        }
    }
}
