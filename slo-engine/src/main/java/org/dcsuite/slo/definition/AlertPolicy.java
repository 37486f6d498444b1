package org.dcsuite.slo.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Named alert rules; {@link #tiers()} keeps the order the tiers were first written in. */
public record AlertPolicy(String name, List<AlertRule> rules) {

    public AlertPolicy {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    public Set<String> tiers() {
        Set<String> tiers = new LinkedHashSet<>();
        rules.forEach(r -> tiers.add(r.tier()));
        return tiers;
    }
}
