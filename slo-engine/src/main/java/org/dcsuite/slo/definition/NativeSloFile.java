package org.dcsuite.slo.definition;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.config.YamlNode;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.time.Durations;

/**
 * The concise native form, {@code version: dcsuite/v1} with {@code slos}, {@code composites} and
 * {@code exclusions} (see docs/slo.md). Alert policies are named: {@code sre-workbook} (the default) or an
 * OpenSLO AlertPolicy from any file in {@code slos/}, so they are resolved after every file was read.
 */
final class NativeSloFile {

    static final List<String> TOP_LEVEL = List.of("slos", "composites", "exclusions");

    private static final List<String> SLO_FIELDS = List.of("name", "service", "description", "objective",
            "window", "calendar", "budgeting", "time_slice", "time_slice_target", "sli", "alert_policy",
            "min_events", "exclusions");

    /** An SLO waiting for its alert policy to be resolved. */
    record Draft(Fields fields, Optional<String> policyName, SloDefinition withDefaultPolicy) {
    }

    /** An exclusion that applies to the SLOs it names or of the services it names, or to all when neither. */
    record SharedExclusion(Exclusion exclusion, List<String> slos, List<String> services) {
        boolean appliesTo(SloDefinition slo) {
            return slos.isEmpty() && services.isEmpty() || slos.contains(slo.name())
                    || services.contains(slo.service());
        }
    }

    /** A composite waiting for its components to be checked. */
    record CompositeDraft(Fields fields, Optional<String> policyName, CompositeSlo withDefaultPolicy) {
    }

    final List<Draft> slos = new ArrayList<>();
    final List<CompositeDraft> composites = new ArrayList<>();
    final List<SharedExclusion> exclusions = new ArrayList<>();

    void read(Fields root) {
        root.list("slos").ifPresent(items -> forEach(root, "slos", items, SLO_FIELDS, this::slo));
        root.list("composites").ifPresent(items -> forEach(root, "composites", items,
                List.of("name", "service", "objective", "mode", "components", "alert_policy"), this::composite));
        root.list("exclusions").ifPresent(items -> forEach(root, "exclusions", items,
                List.of("from", "to", "reason", "slos", "services"), f -> exclusion(f).ifPresent(e ->
                        exclusions.add(new SharedExclusion(e, strings(f, "slos"), strings(f, "services"))))));
    }

    private static void forEach(Fields root, String key, List<YamlNode> items, List<String> allowed,
            java.util.function.Consumer<Fields> reader) {
        for (int i = 0; i < items.size(); i++) {
            Fields.of(root.file(), root.path(key) + "[" + i + "]", items.get(i), allowed).ifPresent(reader);
        }
    }

    private static List<String> strings(Fields f, String key) {
        List<String> out = new ArrayList<>();
        f.list(key).ifPresent(items -> {
            for (YamlNode n : items) {
                if (n instanceof YamlNode.Scalar s && !s.text().isBlank()) {
                    out.add(s.text());
                } else {
                    f.file().problem(n, f.path(key), "expected a name, got " + n.kind());
                }
            }
        });
        return out;
    }

    private void slo(Fields f) {
        Optional<String> name = f.requiredText("name", "a unique SLO name");
        Optional<String> service = f.requiredText("service", "the service or facility the SLO is for");
        String description = f.text("description").orElse("");
        OptionalDouble objective = SloFields.fraction(f, "objective");
        if (f.node("objective").isEmpty()) {
            f.missing("objective", "such as 0.999");
        }
        Optional<SloWindow> window = window(f);
        BudgetingMethod method = f.text("budgeting").flatMap(text -> {
            Optional<BudgetingMethod> m = BudgetingMethod.parse(text);
            if (m.isEmpty()) {
                f.problem("budgeting", "unknown method '" + text + "': use occurrences, timeslices or ratio_timeslices");
            }
            return m;
        }).orElse(BudgetingMethod.OCCURRENCES);
        Duration slice = SloFields.timeSlice(f, "time_slice");
        double sliceTarget = 0;
        if (method == BudgetingMethod.TIMESLICES) {
            if (f.node("time_slice_target").isEmpty()) {
                f.missing("time_slice_target", "the good ratio a time slice needs, e.g. 0.95");
            }
            sliceTarget = SloFields.share(f, "time_slice_target").orElse(0.5);
        }
        long minEvents = f.integer("min_events", 0, Long.MAX_VALUE).orElse(0);
        Optional<SliDefinition> sli = f.node("sli").isEmpty() ? missing(f)
                : f.child("sli", List.of("ratio", "threshold", "latency")).flatMap(NativeSloFile::sli);
        List<Exclusion> exclusions = new ArrayList<>();
        f.list("exclusions").ifPresent(items -> forEach(f, "exclusions", items, List.of("from", "to", "reason"),
                e -> exclusion(e).ifPresent(exclusions::add)));
        Optional<String> policy = f.text("alert_policy");
        if (name.isEmpty() || service.isEmpty() || objective.isEmpty() || window.isEmpty() || sli.isEmpty()) {
            return;
        }
        try {
            slos.add(new Draft(f, policy, new SloDefinition(name.get(), service.get(), description, sli.get(),
                    method, objective.getAsDouble(), slice, sliceTarget, window.get(), DefaultAlertPolicy.get(),
                    exclusions, minEvents, f.file().name() + ":" + line(f))));
        } catch (IllegalArgumentException e) {
            f.problem("time_slice", e.getMessage());
        }
    }

    private static int line(Fields f) {
        return f.node("name").map(YamlNode::line).orElse(0);
    }

    private static Optional<SliDefinition> missing(Fields f) {
        f.missing("sli", "one of ratio, threshold or latency");
        return Optional.empty();
    }

    private static Optional<SloWindow> window(Fields f) {
        boolean rolling = f.node("window").isPresent();
        boolean calendar = f.node("calendar").isPresent();
        if (rolling == calendar) {
            f.problem(rolling ? "calendar" : "window", "give exactly one of window (rolling, e.g. 30d) and "
                    + "calendar (e.g. {period: month, time_zone: Europe/Paris})");
            return Optional.empty();
        }
        if (rolling) {
            Optional<Duration> d = f.duration("window");
            if (d.isPresent() && d.get().toMillis() % 60_000 != 0) {
                f.problem("window", "rolling windows are whole minutes");
                return Optional.empty();
            }
            return d.map(SloWindow.Rolling::new);
        }
        return f.child("calendar", List.of("period", "time_zone")).flatMap(c -> {
            Optional<String> period = c.requiredText("period", "day, week, month, quarter or year");
            String tz = c.text("time_zone").orElse("UTC");
            ZoneId zone;
            try {
                zone = ZoneId.of(tz);
            } catch (java.time.DateTimeException e) {
                c.problem("time_zone", "unknown time zone '" + tz + "': use an IANA name such as Europe/Paris");
                return Optional.empty();
            }
            if (period.isEmpty()) {
                return Optional.empty();
            }
            Optional<CalendarPeriod> p = CalendarPeriod.parse(period.get());
            if (p.isEmpty()) {
                c.problem("period", "unknown calendar period '" + period.get()
                        + "': use day, week, month, quarter or year");
            }
            return p.map(unit -> new SloWindow.Calendar(unit, zone));
        });
    }

    private static Optional<SliDefinition> sli(Fields f) {
        long kinds = List.of("ratio", "threshold", "latency").stream().filter(k -> f.node(k).isPresent()).count();
        if (kinds != 1) {
            f.problem("", "give exactly one of ratio, threshold or latency");
            return Optional.empty();
        }
        if (f.node("ratio").isPresent()) {
            return f.child("ratio", List.of("good", "bad", "total")).flatMap(r -> {
                Optional<SeriesSelector> good = SloFields.selector(r, "good", false);
                Optional<SeriesSelector> bad = SloFields.selector(r, "bad", false);
                Optional<SeriesSelector> total = SloFields.selector(r, "total", true);
                if (r.node("good").isPresent() == r.node("bad").isPresent()) {
                    r.problem(r.node("good").isPresent() ? "bad" : "good", "give exactly one of good and bad");
                    return Optional.empty();
                }
                if (total.isEmpty() || good.isEmpty() && bad.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new SliDefinition.Ratio(good.orElse(null), bad.orElse(null), total.get()));
            });
        }
        if (f.node("threshold").isPresent()) {
            return f.child("threshold", List.of("query", "op", "value")).flatMap(t -> {
                Optional<SeriesSelector> query = SloFields.selector(t, "query", true);
                Optional<Comparison> op = t.requiredText("op", "lt, lte, gt or gte").flatMap(text -> {
                    Optional<Comparison> c = Comparison.parse(text);
                    if (c.isEmpty()) {
                        t.problem("op", "unknown operator '" + text + "': use lt, lte, gt or gte");
                    }
                    return c;
                });
                OptionalDouble value = t.number("value");
                if (t.node("value").isEmpty()) {
                    t.missing("value", "the bound a good minute satisfies, e.g. 27");
                }
                if (query.isEmpty() || op.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new SliDefinition.Threshold(query.get(), op.get(), value.getAsDouble()));
            });
        }
        return f.child("latency", List.of("histogram", "le", "segments")).flatMap(l -> {
            Optional<SeriesSelector> histogram = SloFields.selector(l, "histogram", true);
            OptionalDouble le = l.positiveNumber("le");
            if (l.node("le").isEmpty()) {
                l.missing("le", "the bucket bound in seconds that counts as fast, e.g. 0.25");
            }
            Map<String, Duration> segments = segments(l);
            if (histogram.isEmpty() || le.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SliDefinition.Latency(histogram.get(), le.getAsDouble(), segments));
        });
    }

    /** {@code segments: {dns: 20ms, storage: 100ms}}: each segment's latency target, in the order written. */
    private static Map<String, Duration> segments(Fields l) {
        Map<String, Duration> segments = new LinkedHashMap<>();
        l.node("segments").ifPresent(node -> {
            if (!(node instanceof YamlNode.Mapping m)) {
                l.problem("segments", "expected a map of segment name to target, such as {dns: 20ms}, got "
                        + node.kind());
                return;
            }
            m.entries().values().forEach(e -> {
                String field = l.path("segments") + "." + e.key();
                if (!(e.value() instanceof YamlNode.Scalar s) || s.text().isBlank()) {
                    l.file().problem(e.value(), field, "expected a duration such as 20ms, got " + e.value().kind());
                    return;
                }
                try {
                    segments.put(e.key(), Durations.parsePositive(s.text()));
                } catch (IllegalArgumentException ex) {
                    l.file().problem(e.value(), field, ex.getMessage());
                }
            });
        });
        return segments;
    }

    private static Optional<Exclusion> exclusion(Fields f) {
        Optional<java.time.Instant> from = SloFields.instant(f, "from");
        Optional<java.time.Instant> to = SloFields.instant(f, "to");
        String reason = f.text("reason").orElse("maintenance");
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (!to.get().isAfter(from.get())) {
            f.problem("to", "must be after from (" + from.get() + ")");
            return Optional.empty();
        }
        return Optional.of(new Exclusion(from.get(), to.get(), reason));
    }

    private void composite(Fields f) {
        Optional<String> name = f.requiredText("name", "a unique SLO name");
        String service = f.text("service").orElse("");
        OptionalDouble objective = SloFields.fraction(f, "objective");
        if (f.node("objective").isEmpty()) {
            f.missing("objective", "such as 0.999");
        }
        CompositeSlo.Mode mode = f.text("mode").flatMap(m -> switch (m) {
            case "weighted" -> Optional.of(CompositeSlo.Mode.WEIGHTED);
            case "any" -> Optional.of(CompositeSlo.Mode.ANY);
            default -> {
                f.problem("mode", "unknown mode '" + m + "': use weighted or any");
                yield Optional.<CompositeSlo.Mode>empty();
            }
        }).orElse(CompositeSlo.Mode.WEIGHTED);
        List<CompositeSlo.Component> components = new ArrayList<>();
        Optional<List<YamlNode>> items = f.list("components");
        if (items.isEmpty() && f.node("components").isEmpty()) {
            f.missing("components", "a list of {slo: NAME, weight: 1}");
        }
        items.ifPresent(list -> forEach(f, "components", list, List.of("slo", "weight"), c -> {
            Optional<String> slo = c.requiredText("slo", "the name of a component SLO");
            double weight = c.positiveNumber("weight").orElse(1);
            slo.ifPresent(s -> components.add(new CompositeSlo.Component(s, weight)));
        }));
        if (name.isEmpty() || objective.isEmpty() || components.isEmpty()) {
            return;
        }
        composites.add(new CompositeDraft(f, f.text("alert_policy"), new CompositeSlo(name.get(), service,
                objective.getAsDouble(), mode, components, DefaultAlertPolicy.get(),
                f.file().name() + ":" + line(f))));
    }
}
