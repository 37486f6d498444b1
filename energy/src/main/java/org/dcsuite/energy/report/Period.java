package org.dcsuite.energy.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.energy.kpi.Kpi;

/** The figures and KPIs of one step, or of the whole interval. */
public record Period(Instant from, Instant to, List<Figure> figures, List<Kpi> kpis) {

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        figures = List.copyOf(figures);
        kpis = List.copyOf(kpis);
    }

    public Optional<Figure> figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The KPI with this id, for pPUE the one of {@code zone}. */
    public Optional<Kpi> kpi(String id) {
        return kpis.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public Optional<Kpi> kpi(String id, String zone) {
        return kpis.stream().filter(k -> k.id().equals(id) && k.zone().equals(Optional.of(zone))).findFirst();
    }
}
