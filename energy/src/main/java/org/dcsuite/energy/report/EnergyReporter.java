package org.dcsuite.energy.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.config.OnsiteSource;
import org.dcsuite.energy.config.SignalSpec;
import org.dcsuite.energy.config.ZoneConfig;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.kpi.KpiFormulas;
import org.dcsuite.energy.meter.IntegrationGrid;
import org.dcsuite.energy.meter.Measured;
import org.dcsuite.energy.meter.MeterGap;
import org.dcsuite.energy.meter.MeterIntegrator;
import org.dcsuite.energy.signal.SignalException;
import org.dcsuite.energy.signal.SignalRecorder;
import org.dcsuite.energy.signal.SignalSeries;
import org.dcsuite.energy.signal.SiteSignals;

/**
 * Builds a site's {@link EnergyReport}: integrates every configured meter over the interval once, then sums
 * buckets per step and for the whole interval. CO2 and cost are computed bucket by bucket with the signal in
 * force in each bucket, never from an average, and both apply to the grid share of the facility energy
 * (facility minus on-site generation); on-site generation adds its own emission factor.
 */
public final class EnergyReporter {

    /** ISO/IEC 30134-2 calls a PUE annual only when it covers twelve months. */
    static final int ANNUAL_MONTHS = 12;
    /**
     * A month counts as a month of data when at least half of it was measured, so a year with a missing
     * summer (and its cooling load) is not passed off as annual.
     */
    static final double MIN_MONTH_COVERAGE = 0.5;

    private final MeterIntegrator integrator;
    private final SiteSignals signals;

    public EnergyReporter(TelemetryStore store, SiteSignals signals) {
        this.integrator = new MeterIntegrator(store);
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /**
     * @param step the step, or empty for the whole interval only
     * @throws IllegalArgumentException when the range or step does not fit the site's resolution
     */
    public EnergyReport report(EnergySiteConfig site, ZoneId zone, Instant from, Instant to, Optional<Duration> step) {
        IntegrationGrid grid = IntegrationGrid.of(from, to, site.resolution());
        List<StepPlan.Step> plan = StepPlan.of(grid, zone, step);
        List<String> problems = new ArrayList<>();
        Inputs in = read(site, grid, from, to, problems);
        Period total = period(site, in, grid, zone, new StepPlan.Step(0, grid.count(), from, to));
        List<Period> steps = plan.stream().map(s -> period(site, in, grid, zone, s)).toList();
        LinkedHashSet<MeterGap> gaps = new LinkedHashSet<>();
        LinkedHashSet<String> allProblems = new LinkedHashSet<>(problems);
        for (Measured m : in.all()) {
            gaps.addAll(m.gaps());
            allProblems.addAll(m.problems());
        }
        List<MeterGap> sortedGaps = gaps.stream()
                .sorted((a, b) -> a.from().equals(b.from()) ? a.series().compareTo(b.series())
                        : a.from().compareTo(b.from()))
                .toList();
        return new EnergyReport(site.site(), zone, from, to, site.resolution(), site.maxGap(), site.itCategory(),
                site.currency(), total, steps, sortedGaps, List.copyOf(allProblems));
    }

    private record ZoneInputs(ZoneConfig zone, Measured total, Measured it) {
    }

    private record OnsiteInputs(OnsiteSource source, Measured energy) {
    }

    /** Everything read for a report; CO2 and cost are empty with a reason when they cannot be computed. */
    private record Inputs(Measured facility, Measured it, List<ZoneInputs> zones, Optional<Measured> water,
            Optional<Measured> reuse, Optional<Measured> renewable, List<OnsiteInputs> onsite,
            Optional<Measured> co2, String co2Missing, Optional<Measured> cost, String costMissing) {

        List<Measured> all() {
            List<Measured> out = new ArrayList<>(List.of(facility, it));
            zones.forEach(z -> {
                out.add(z.total());
                out.add(z.it());
            });
            water.ifPresent(out::add);
            reuse.ifPresent(out::add);
            renewable.ifPresent(out::add);
            onsite.forEach(o -> out.add(o.energy()));
            return out;
        }
    }

    private Inputs read(EnergySiteConfig site, IntegrationGrid grid, Instant from, Instant to,
            List<String> problems) {
        Duration gap = site.maxGap();
        Measured facility = energy(site.facility(), grid, gap);
        Measured it = energy(site.it(), grid, gap);
        List<ZoneInputs> zones = site.zones().stream()
                .map(z -> new ZoneInputs(z, energy(z.total(), grid, gap), energy(z.it(), grid, gap))).toList();
        Optional<Measured> water = site.water().map(g -> integrator.integrate(g, grid, gap, true));
        Optional<Measured> reuse = site.reuse().map(g -> energy(g, grid, gap));
        Optional<Measured> renewable = site.renewable().map(g -> energy(g, grid, gap));
        List<OnsiteInputs> onsite = site.onsite().stream()
                .map(o -> new OnsiteInputs(o, energy(o.meters(), grid, gap))).toList();

        Optional<Measured> co2 = Optional.empty();
        String co2Missing = "no grid carbon intensity configured (energy.carbon.grid)";
        if (site.gridCarbon().isPresent()) {
            try {
                SignalSeries intensity = signals.carbon(site, from, to).orElseThrow();
                co2 = Optional.of(carbon(site, grid, facility, onsite, intensity));
            } catch (SignalException e) {
                co2Missing = "carbon intensity unavailable: " + e.getMessage();
                problems.add(co2Missing);
            }
        }
        Optional<Measured> cost = Optional.empty();
        String costMissing = "no electricity price configured (energy.price)";
        if (site.price().isPresent()) {
            try {
                SignalSeries price = signals.price(site, from, to).orElseThrow();
                cost = Optional.of(cost(site, grid, facility, onsite, price));
            } catch (SignalException e) {
                costMissing = "price unavailable: " + e.getMessage();
                problems.add(costMissing);
            }
        }
        return new Inputs(facility, it, zones, water, reuse, renewable, onsite, co2, co2Missing, cost, costMissing);
    }

    private Measured energy(MeterGroup group, IntegrationGrid grid, Duration maxGap) {
        return integrator.integrate(group, grid, maxGap, false);
    }

    /**
     * CO2 in kg per bucket: the grid share (facility minus on-site generation) times the intensity in force at
     * the bucket's start, plus each on-site source times its own factor.
     */
    private static Measured carbon(EnergySiteConfig site, IntegrationGrid grid, Measured facility,
            List<OnsiteInputs> onsite, SignalSeries intensity) {
        SignalSpec spec = site.gridCarbon().orElseThrow();
        double[] kg = new double[grid.count()];
        BitSet ok = new BitSet(grid.count());
        for (int i = 0; i < grid.count(); i++) {
            if (!allMeasured(i, facility, onsite)) {
                continue;
            }
            OptionalDouble g = intensity.valueAt(Instant.ofEpochMilli(grid.edgeMillis(i)), spec.maxAge());
            if (g.isEmpty()) {
                continue;
            }
            double onsiteKwh = 0;
            double grams = 0;
            for (OnsiteInputs o : onsite) {
                onsiteKwh += o.energy().amount(i);
                grams += o.energy().amount(i) * o.source().factorGramsPerKwh();
            }
            grams += (facility.amount(i) - onsiteKwh) * g.getAsDouble();
            kg[i] = grams / 1000;
            ok.set(i);
        }
        List<String> series = new ArrayList<>(facility.series());
        onsite.forEach(o -> series.addAll(o.energy().series()));
        series.add(SignalRecorder.carbonKey(site.site()) + " from " + spec.source().id()
                + (spec.source() == SignalSpec.Source.CONSTANT ? " " + spec.value().orElseThrow() : ""));
        return Measured.of(kg, ok, series, List.of());
    }

    private static boolean allMeasured(int bucket, Measured facility, List<OnsiteInputs> onsite) {
        if (!facility.isMeasured(bucket)) {
            return false;
        }
        for (OnsiteInputs o : onsite) {
            if (!o.energy().isMeasured(bucket)) {
                return false;
            }
        }
        return true;
    }

    /** Cost per bucket: the grid share of the facility energy times the price in force. */
    private static Measured cost(EnergySiteConfig site, IntegrationGrid grid, Measured facility,
            List<OnsiteInputs> onsite, SignalSeries price) {
        SignalSpec spec = site.price().orElseThrow();
        double[] money = new double[grid.count()];
        BitSet ok = new BitSet(grid.count());
        for (int i = 0; i < grid.count(); i++) {
            if (!allMeasured(i, facility, onsite)) {
                continue;
            }
            OptionalDouble p = price.valueAt(Instant.ofEpochMilli(grid.edgeMillis(i)), spec.maxAge());
            if (p.isEmpty()) {
                continue;
            }
            double gridKwh = facility.amount(i);
            for (OnsiteInputs o : onsite) {
                gridKwh -= o.energy().amount(i);
            }
            money[i] = gridKwh * p.getAsDouble();
            ok.set(i);
        }
        List<String> series = new ArrayList<>(facility.series());
        onsite.forEach(o -> series.addAll(o.energy().series()));
        series.add(SignalRecorder.priceKey(site.site(), site.currency()) + " from " + spec.source().id());
        return Measured.of(money, ok, series, List.of());
    }

    private Period period(EnergySiteConfig site, Inputs in, IntegrationGrid grid, ZoneId zone, StepPlan.Step s) {
        int a = s.first();
        int b = s.end();
        String category = site.itCategory().label();
        List<Figure> figures = new ArrayList<>();
        figures.add(figure("facility", "facility energy", "kWh", in.facility(), a, b));
        figures.add(figure("it", "IT energy " + category, "kWh", in.it(), a, b));
        for (ZoneInputs z : in.zones()) {
            figures.add(figure("zone." + z.zone().id() + ".total", z.zone().name() + " energy", "kWh", z.total(), a, b));
            figures.add(figure("zone." + z.zone().id() + ".it", z.zone().name() + " IT energy", "kWh", z.it(), a, b));
        }
        in.reuse().ifPresent(m -> figures.add(figure("reuse", "reused energy", "kWh", m, a, b)));
        in.renewable().ifPresent(m -> figures.add(figure("renewable", "renewable energy", "kWh", m, a, b)));
        for (OnsiteInputs o : in.onsite()) {
            figures.add(figure("onsite." + o.source().name(), "on-site " + o.source().name() + " energy", "kWh",
                    o.energy(), a, b));
        }
        in.water().ifPresent(m -> figures.add(figure("water", "site water", "L", m, a, b)));
        figures.add(in.co2().map(m -> figure("co2", "CO2", "kg", m, a, b))
                .orElseGet(() -> absentFigure("co2", "CO2", "kg", in.co2Missing())));
        figures.add(in.cost().map(m -> figure("cost", "electricity cost", site.currency(), m, a, b))
                .orElseGet(() -> absentFigure("cost", "electricity cost", site.currency(), in.costMissing())));

        List<Kpi> kpis = new ArrayList<>();
        String itZero = "IT energy is zero in the measured time";
        Kpi pue = kpi("pue", "PUE " + category, Optional.empty(), "", a, b, List.of(in.facility(), in.it()),
                v -> KpiFormulas.pue(v[0], v[1]), itZero);
        if (isAnnual(grid, zone, s, List.of(in.facility(), in.it()))) {
            pue = new Kpi(pue.id(), "annual " + pue.label(), pue.zone(), pue.value(), pue.unit(), pue.coverage(),
                    pue.series(), pue.reason());
        }
        kpis.add(pue);
        for (ZoneInputs z : in.zones()) {
            kpis.add(kpi("ppue", "pPUE " + z.zone().name(), Optional.of(z.zone().id()), "", a, b,
                    List.of(z.total(), z.it()), v -> KpiFormulas.ppue(v[0], v[1]),
                    "IT energy of the zone is zero in the measured time"));
        }
        String itAt = " (IT energy at " + site.itCategory().place() + ")";
        kpis.add(in.co2().map(m -> kpi("cue", "CUE" + itAt, Optional.empty(), "kgCO2/kWh", a, b,
                        List.of(m, in.it()), v -> KpiFormulas.cue(v[0], v[1]), itZero))
                .orElseGet(() -> absentKpi("cue", "CUE" + itAt, "kgCO2/kWh", in.co2Missing())));
        kpis.add(in.water().map(m -> kpi("wue", "WUE" + itAt, Optional.empty(), "L/kWh", a, b,
                        List.of(m, in.it()), v -> KpiFormulas.wue(v[0], v[1]), itZero))
                .orElseGet(() -> absentKpi("wue", "WUE" + itAt, "L/kWh", "no water meter configured (energy.water)")));
        kpis.add(in.reuse().map(m -> kpi("ere", "ERE" + itAt, Optional.empty(), "", a, b,
                        List.of(in.facility(), m, in.it()), v -> KpiFormulas.ere(v[0], v[1], v[2]), itZero))
                .orElseGet(() -> absentKpi("ere", "ERE" + itAt, "", "no heat-reuse meter configured (energy.reuse)")));
        kpis.add(in.reuse().map(m -> kpi("erf", "ERF", Optional.empty(), "", a, b, List.of(m, in.facility()),
                        v -> KpiFormulas.erf(v[0], v[1]), "facility energy is zero in the measured time"))
                .orElseGet(() -> absentKpi("erf", "ERF", "", "no heat-reuse meter configured (energy.reuse)")));
        kpis.add(in.renewable().map(m -> kpi("ref", "REF", Optional.empty(), "", a, b, List.of(m, in.facility()),
                        v -> KpiFormulas.ref(v[0], v[1]), "facility energy is zero in the measured time"))
                .orElseGet(() -> absentKpi("ref", "REF", "",
                        "no renewable energy meter configured (energy.renewable)")));
        return new Period(s.from(), s.to(), figures, kpis);
    }

    private static Figure figure(String id, String label, String unit, Measured m, int a, int b) {
        BitSet mask = new BitSet();
        mask.set(a, b);
        mask.and(m.measured());
        int measured = mask.cardinality();
        double coverage = b > a ? (double) measured / (b - a) : 0;
        if (measured == 0) {
            String reason = m.problems().isEmpty() ? "not measured in this period" : String.join("; ", m.problems());
            return new Figure(id, label, OptionalDouble.empty(), unit, 0, m.series(), Optional.of(reason));
        }
        return new Figure(id, label, OptionalDouble.of(m.sum(a, b, mask)), unit, coverage, m.series(),
                Optional.empty());
    }

    private static Figure absentFigure(String id, String label, String unit, String reason) {
        return new Figure(id, label, OptionalDouble.empty(), unit, 0, List.of(), Optional.of(reason));
    }

    /**
     * A KPI over the buckets where every input was measured: the sums of the inputs over those buckets, in
     * order, go to the formula.
     */
    private static Kpi kpi(String id, String label, Optional<String> zone, String unit, int a, int b,
            List<Measured> inputs, ToDoubleFunction<double[]> formula, String zeroReason) {
        BitSet joint = new BitSet();
        joint.set(a, b);
        LinkedHashSet<String> series = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Measured m : inputs) {
            joint.and(m.measured());
            series.addAll(m.series());
            problems.addAll(m.problems());
        }
        int measured = joint.cardinality();
        double coverage = b > a ? (double) measured / (b - a) : 0;
        if (measured == 0) {
            String reason = problems.isEmpty() ? "no time in this period when all of its inputs were measured"
                    : String.join("; ", problems);
            return new Kpi(id, label, zone, OptionalDouble.empty(), unit, 0, List.copyOf(series), Optional.of(reason));
        }
        double[] sums = new double[inputs.size()];
        for (int k = 0; k < sums.length; k++) {
            sums[k] = inputs.get(k).sum(a, b, joint);
        }
        double value = formula.applyAsDouble(sums);
        if (Double.isNaN(value)) {
            return new Kpi(id, label, zone, OptionalDouble.empty(), unit, coverage, List.copyOf(series),
                    Optional.of(zeroReason));
        }
        return new Kpi(id, label, zone, OptionalDouble.of(value), unit, coverage, List.copyOf(series),
                Optional.empty());
    }

    private static Kpi absentKpi(String id, String label, String unit, String reason) {
        return new Kpi(id, label, Optional.empty(), OptionalDouble.empty(), unit, 0, List.of(), Optional.of(reason));
    }

    /**
     * Whether the period spans twelve calendar months in the site's time zone and facility and IT energy were
     * both measured for at least {@link #MIN_MONTH_COVERAGE} of each of them.
     */
    static boolean isAnnual(IntegrationGrid grid, ZoneId zone, StepPlan.Step s, List<Measured> inputs) {
        ZonedDateTime start = s.from().atZone(zone);
        if (start.plusMonths(ANNUAL_MONTHS).toInstant().isAfter(s.to())) {
            return false;
        }
        BitSet joint = new BitSet();
        joint.set(s.first(), s.end());
        inputs.forEach(m -> joint.and(m.measured()));
        for (int month = 0; month < ANNUAL_MONTHS; month++) {
            int first = bucketAt(grid, start.plusMonths(month).toInstant());
            int end = bucketAt(grid, start.plusMonths(month + 1L).toInstant());
            int measured = joint.get(first, end).cardinality();
            if (end <= first || measured < MIN_MONTH_COVERAGE * (end - first)) {
                return false;
            }
        }
        return true;
    }

    private static int bucketAt(IntegrationGrid grid, Instant t) {
        long index = (t.toEpochMilli() - grid.startMillis()) / grid.widthMillis();
        return (int) Math.max(0, Math.min(grid.count(), index));
    }
}
