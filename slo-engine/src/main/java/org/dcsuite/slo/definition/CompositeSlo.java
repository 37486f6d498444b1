package org.dcsuite.slo.definition;

import java.util.List;
import java.util.Objects;

/**
 * An SLO made of others: {@link Mode#WEIGHTED} averages the components' SLIs, burn rates and remaining
 * budgets by weight; {@link Mode#ANY} burns as fast as its fastest-burning component ("burns if any burns").
 */
public record CompositeSlo(String name, String service, double objective, Mode mode, List<Component> components,
        AlertPolicy alertPolicy, String source) {

    public enum Mode { WEIGHTED, ANY }

    public record Component(String slo, double weight) {
        public Component {
            Objects.requireNonNull(slo, "slo");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weights are positive, got " + weight);
            }
        }
    }

    public CompositeSlo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(alertPolicy, "alertPolicy");
        Objects.requireNonNull(source, "source");
        components = List.copyOf(components);
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a composite SLO needs components");
        }
    }
}
