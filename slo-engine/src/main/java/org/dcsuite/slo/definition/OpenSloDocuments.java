package org.dcsuite.slo.definition;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.config.ConfigFile;
import org.dcsuite.core.config.Fields;
import org.dcsuite.core.config.YamlNode;
import org.dcsuite.core.select.SeriesSelector;

/**
 * OpenSLO v1 documents read as written (kinds Service, SLI, SLO, AlertPolicy, AlertCondition). Documents of
 * every file are collected first and references ({@code indicatorRef}, {@code alertPolicyRef},
 * {@code conditionRef}) resolved at the end, so they may point into other files.
 *
 * <p>Metric queries are dcsuite selectors: {@code metricSource: {type: dcsuite, spec: {query: 'sel'}}}.
 */
final class OpenSloDocuments {

    static final String API_VERSION = "openslo/v1";
    /** Sets the low-traffic guard on an OpenSLO SLO, which has no field of its own for it. */
    static final String MIN_EVENTS_ANNOTATION = "dcsuite.org/min-events";

    private static final List<String> DOCUMENT = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name", "displayName", "labels", "annotations");

    private record Located<T>(T value, ConfigFile file, YamlNode at) {
    }

    private record Condition(String severity, BurnCondition burn) {
    }

    /** Conditions in the order written: each item is a resolved Condition or a reference to one. */
    private record PolicyDraft(String name, List<Located<Object>> conditions) {
    }

    private record SloDraft(Fields spec, String name, String source, long minEvents) {
    }

    private final Map<String, Located<SliDefinition>> slis = new HashMap<>();
    private final Map<String, Located<Condition>> conditions = new HashMap<>();
    private final Map<String, Located<PolicyDraft>> policies = new HashMap<>();
    private final Map<String, Located<Void>> names = new HashMap<>();
    private final List<SloDraft> slos = new ArrayList<>();

    /** Whether a parsed document looks like OpenSLO rather than a native file. */
    static boolean isOpenSlo(YamlNode document) {
        return document instanceof YamlNode.Mapping m && m.entries().containsKey("apiVersion");
    }

    void add(ConfigFile file, YamlNode document) {
        Optional<Fields> root = Fields.of(file, "", document, DOCUMENT);
        if (root.isEmpty()) {
            return;
        }
        Fields doc = root.get();
        Optional<String> api = doc.requiredText("apiVersion", API_VERSION);
        if (api.isPresent() && !api.get().equals(API_VERSION)) {
            doc.problem("apiVersion", "unsupported OpenSLO version '" + api.get() + "': use " + API_VERSION);
            return;
        }
        Optional<String> kind = doc.requiredText("kind", "Service, SLI, SLO, AlertPolicy or AlertCondition");
        Optional<Fields> metadata = doc.child("metadata", METADATA);
        if (metadata.isEmpty()) {
            if (doc.node("metadata").isEmpty()) {
                doc.missing("metadata", "with a name");
            }
            return;
        }
        Optional<String> name = metadata.get().requiredText("name", "the object's name");
        if (kind.isEmpty() || name.isEmpty()) {
            return;
        }
        String key = kind.get() + "/" + name.get();
        Located<Void> first = names.get(key);
        if (first != null) {
            metadata.get().problem("name", kind.get() + " '" + name.get() + "' is already defined in "
                    + first.file().name() + ":" + first.at().line());
            return;
        }
        names.put(key, new Located<>(null, file, document));
        switch (kind.get()) {
            case "Service" -> doc.child("spec", List.of("description"));
            case "SLI" -> doc.child("spec", List.of("description", "thresholdMetric", "ratioMetric"))
                    .flatMap(this::sli)
                    .ifPresent(s -> slis.put(name.get(), new Located<>(s, file, document)));
            case "AlertCondition" -> doc.child("spec", List.of("description", "severity", "condition"))
                    .flatMap(this::condition)
                    .ifPresent(c -> conditions.put(name.get(), new Located<>(c, file, document)));
            case "AlertPolicy" -> doc.child("spec", List.of("description", "alertWhenNoData", "alertWhenResolved",
                            "alertWhenBreaching", "conditions", "notificationTargets"))
                    .flatMap(spec -> policy(name.get(), spec))
                    .ifPresent(p -> policies.put(name.get(), new Located<>(p, file, document)));
            case "SLO" -> doc.child("spec", List.of("description", "service", "indicator", "indicatorRef",
                            "timeWindow", "budgetingMethod", "objectives", "alertPolicies"))
                    .ifPresent(spec -> slos.add(new SloDraft(spec, name.get(),
                            file.name() + ":" + document.line(), minEvents(metadata.get()))));
            default -> doc.problem("kind", "unknown OpenSLO kind '" + kind.get()
                    + "': use Service, SLI, SLO, AlertPolicy or AlertCondition");
        }
        if (doc.node("spec").isEmpty()) {
            doc.missing("spec", "");
        }
    }

    private static long minEvents(Fields metadata) {
        Optional<Fields> annotations = metadata.node("annotations")
                .flatMap(n -> n instanceof YamlNode.Mapping m
                        ? Fields.of(metadata.file(), metadata.path("annotations"), n,
                                List.copyOf(m.entries().keySet()))
                        : Optional.empty());
        if (annotations.isEmpty() || annotations.get().node(MIN_EVENTS_ANNOTATION).isEmpty()) {
            return 0;
        }
        Optional<String> text = annotations.get().text(MIN_EVENTS_ANNOTATION);
        try {
            long v = Long.parseLong(text.orElse("0").trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        annotations.get().problem(MIN_EVENTS_ANNOTATION, "expected a whole number of events, 0 or more");
        return 0;
    }

    private Optional<SliDefinition> sli(Fields spec) {
        boolean threshold = spec.node("thresholdMetric").isPresent();
        boolean ratio = spec.node("ratioMetric").isPresent();
        if (threshold == ratio) {
            spec.problem(threshold ? "ratioMetric" : "", "an SLI has exactly one of thresholdMetric and ratioMetric");
            return Optional.empty();
        }
        if (threshold) {
            // The comparison lives on the SLO's objective; Threshold is completed there.
            return spec.child("thresholdMetric", List.of("metricSource")).flatMap(t -> metric(t, "metricSource", true))
                    .map(q -> new SliDefinition.Threshold(q, Comparison.LTE, Double.NaN));
        }
        Optional<Fields> r = spec.child("ratioMetric", List.of("counter", "good", "bad", "total", "raw", "rawType"));
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Fields ratioFields = r.get();
        if (ratioFields.node("raw").isPresent() || ratioFields.node("rawType").isPresent()) {
            ratioFields.problem("raw", "raw ratios are not supported: give good or bad, and total, as counters");
            return Optional.empty();
        }
        Optional<Boolean> counter = ratioFields.bool("counter");
        if (counter.isPresent() && !counter.get()) {
            ratioFields.problem("counter", "only counters are supported (counter: true): dcsuite computes their "
                    + "increases, resets included");
        }
        Optional<SeriesSelector> good = metricOf(ratioFields, "good", false);
        Optional<SeriesSelector> bad = metricOf(ratioFields, "bad", false);
        Optional<SeriesSelector> total = metricOf(ratioFields, "total", true);
        if (ratioFields.node("good").isPresent() == ratioFields.node("bad").isPresent()) {
            ratioFields.problem(ratioFields.node("good").isPresent() ? "bad" : "good",
                    "a ratioMetric has exactly one of good and bad");
            return Optional.empty();
        }
        if (total.isEmpty() || good.isEmpty() && bad.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SliDefinition.Ratio(good.orElse(null), bad.orElse(null), total.get()));
    }

    private static Optional<SeriesSelector> metricOf(Fields parent, String key, boolean required) {
        if (parent.node(key).isEmpty()) {
            if (required) {
                parent.missing(key, "a metricSource with a dcsuite query");
            }
            return Optional.empty();
        }
        return parent.child(key, List.of("metricSource")).flatMap(f -> metric(f, "metricSource", true));
    }

    private static Optional<SeriesSelector> metric(Fields parent, String key, boolean required) {
        if (parent.node(key).isEmpty()) {
            if (required) {
                parent.missing(key, "type: dcsuite with spec.query");
            }
            return Optional.empty();
        }
        Optional<Fields> source = parent.child(key, List.of("metricSourceRef", "type", "spec"));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (source.get().node("metricSourceRef").isPresent()) {
            source.get().problem("metricSourceRef", "data source references are not supported: write "
                    + "type: dcsuite and spec.query inline");
            return Optional.empty();
        }
        Optional<String> type = source.get().requiredText("type", "dcsuite");
        if (type.isPresent() && !type.get().equalsIgnoreCase("dcsuite")) {
            source.get().problem("type", "unsupported metric source type '" + type.get()
                    + "': dcsuite reads its own store, use type: dcsuite with a dcsuite selector in spec.query");
            return Optional.empty();
        }
        if (source.get().node("spec").isEmpty()) {
            source.get().missing("spec", "query: '<dcsuite selector>'");
            return Optional.empty();
        }
        return source.get().child("spec", List.of("query")).flatMap(s -> SloFields.selector(s, "query", true));
    }

    private Optional<Condition> condition(Fields spec) {
        Optional<String> severity = spec.requiredText("severity", "the alert tier, such as page or ticket");
        Optional<Fields> c = spec.child("condition", List.of("kind", "op", "threshold", "lookbackWindow",
                "alertAfter"));
        if (c.isEmpty()) {
            if (spec.node("condition").isEmpty()) {
                spec.missing("condition", "kind: burnrate with op, threshold and lookbackWindow");
            }
            return Optional.empty();
        }
        Fields f = c.get();
        Optional<String> kind = f.requiredText("kind", "burnrate");
        if (kind.isPresent() && !kind.get().equalsIgnoreCase("burnrate")) {
            f.problem("kind", "unsupported condition kind '" + kind.get() + "': use burnrate");
        }
        Optional<Comparison> op = f.requiredText("op", "gt, gte, lt or lte").flatMap(text -> {
            Optional<Comparison> parsed = Comparison.parse(text);
            if (parsed.isEmpty()) {
                f.problem("op", "unknown operator '" + text + "': use gt, gte, lt or lte");
            }
            return parsed;
        });
        OptionalDouble threshold = f.positiveNumber("threshold");
        if (f.node("threshold").isEmpty()) {
            f.missing("threshold", "the burn rate, e.g. 14.4");
        }
        Optional<Duration> lookback = f.duration("lookbackWindow");
        if (f.node("lookbackWindow").isEmpty()) {
            f.missing("lookbackWindow", "e.g. 1h");
        }
        f.duration("alertAfter");
        if (lookback.isPresent() && (lookback.get().toMillis() % 60_000 != 0)) {
            f.problem("lookbackWindow", "must be whole minutes");
            return Optional.empty();
        }
        if (severity.isEmpty() || op.isEmpty() || threshold.isEmpty() || lookback.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(severity.get(),
                new BurnCondition(lookback.get(), op.get(), threshold.getAsDouble(), false)));
    }

    private Optional<PolicyDraft> policy(String name, Fields spec) {
        Optional<List<YamlNode>> items = spec.list("conditions");
        if (items.isEmpty()) {
            if (spec.node("conditions").isEmpty()) {
                spec.missing("conditions", "one or more AlertConditions (inline or conditionRef)");
            }
            return Optional.empty();
        }
        List<Located<Object>> written = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            YamlNode item = items.get().get(i);
            String path = spec.path("conditions") + "[" + i + "]";
            if (item instanceof YamlNode.Mapping m && m.entries().containsKey("conditionRef")) {
                Fields.of(spec.file(), path, item, List.of("conditionRef"))
                        .flatMap(f -> f.requiredText("conditionRef", ""))
                        .ifPresent(ref -> written.add(new Located<>(ref, spec.file(), item)));
            } else {
                Fields.of(spec.file(), path, item, List.of("kind", "metadata", "spec")).ifPresent(f -> {
                    f.child("metadata", METADATA);
                    f.child("spec", List.of("description", "severity", "condition"))
                            .flatMap(this::condition)
                            .ifPresent(c -> written.add(new Located<>(c, spec.file(), item)));
                    if (f.node("spec").isEmpty()) {
                        f.missing("spec", "severity and condition");
                    }
                });
            }
        }
        return Optional.of(new PolicyDraft(name, written));
    }

    /** The named AlertPolicy resolved, for the native form's {@code alert_policy}; empty after reporting. */
    Optional<AlertPolicy> policy(String name) {
        Located<PolicyDraft> draft = policies.get(name);
        return draft == null ? Optional.empty() : resolvePolicy(draft);
    }

    private Optional<AlertPolicy> resolvePolicy(Located<PolicyDraft> draft) {
        List<Condition> all = new ArrayList<>();
        for (Located<Object> item : draft.value().conditions()) {
            if (item.value() instanceof Condition c) {
                all.add(c);
                continue;
            }
            Located<Condition> c = conditions.get((String) item.value());
            if (c == null) {
                item.file().problem(item.at(), "conditionRef", "no AlertCondition named '" + item.value() + "'");
                return Optional.empty();
            }
            all.add(c.value());
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String severity = all.get(0).severity();
        if (all.stream().anyMatch(c -> !c.severity().equals(severity))) {
            draft.file().problem(draft.at(), "spec.conditions", "all conditions of one AlertPolicy must have "
                    + "the same severity (they must all hold for it to fire): split the policy");
            return Optional.empty();
        }
        return Optional.of(new AlertPolicy(draft.value().name(),
                List.of(new AlertRule(severity, all.stream().map(Condition::burn).toList()))));
    }

    /** The SLOs, with references resolved; problems go to their files. */
    List<SloDefinition> resolve() {
        List<SloDefinition> result = new ArrayList<>();
        for (SloDraft draft : slos) {
            resolveSlo(draft, result);
        }
        return result;
    }

    private void resolveSlo(SloDraft draft, List<SloDefinition> out) {
        Fields spec = draft.spec();
        String service = spec.requiredText("service", "the Service the SLO is for").orElse("");
        String description = spec.text("description").orElse("");
        Optional<SliDefinition> indicator = indicator(spec);
        Optional<SloWindow> window = window(spec);
        BudgetingMethod method = spec.requiredText("budgetingMethod", "Occurrences, Timeslices or RatioTimeslices")
                .flatMap(text -> {
                    Optional<BudgetingMethod> m = BudgetingMethod.parse(text);
                    if (m.isEmpty()) {
                        spec.problem("budgetingMethod", "unknown method '" + text
                                + "': use Occurrences, Timeslices or RatioTimeslices");
                    }
                    return m;
                }).orElse(BudgetingMethod.OCCURRENCES);
        AlertPolicy policy = alertPolicies(spec, draft.name());
        Optional<List<YamlNode>> objectives = spec.list("objectives");
        if (objectives.isEmpty()) {
            if (spec.node("objectives").isEmpty()) {
                spec.missing("objectives", "a list with at least one target such as 0.999");
            }
            return;
        }
        List<YamlNode> items = objectives.get();
        for (int i = 0; i < items.size(); i++) {
            String path = spec.path("objectives") + "[" + i + "]";
            Optional<Fields> o = Fields.of(spec.file(), path, items.get(i), List.of("displayName", "op", "value",
                    "target", "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator", "indicatorRef",
                    "compositeWeight"));
            if (o.isEmpty()) {
                continue;
            }
            Fields f = o.get();
            OptionalDouble target = f.node("targetPercent").isPresent()
                    ? percent(f) : SloFields.fraction(f, "target");
            if (f.node("target").isEmpty() && f.node("targetPercent").isEmpty()) {
                f.missing("target", "the objective such as 0.999");
            }
            Duration slice = SloFields.timeSlice(f, "timeSliceWindow");
            double sliceTarget = 0;
            if (method == BudgetingMethod.TIMESLICES) {
                if (f.node("timeSliceTarget").isEmpty()) {
                    f.missing("timeSliceTarget", "the good ratio a time slice needs, e.g. 0.95");
                }
                sliceTarget = SloFields.share(f, "timeSliceTarget").orElse(0.5);
            }
            if (method.slicesTime() && f.node("timeSliceWindow").isEmpty()) {
                f.missing("timeSliceWindow", "the slice length, e.g. 1m");
            }
            Optional<SliDefinition> sli = indicator;
            if (indicator.isPresent() && indicator.get() instanceof SliDefinition.Threshold t) {
                sli = thresholdObjective(f, t);
            }
            String name = items.size() == 1 ? draft.name()
                    : draft.name() + ":" + f.text("displayName").orElse(String.valueOf(i));
            if (target.isEmpty() || sli.isEmpty() || window.isEmpty() || service.isEmpty()) {
                continue;
            }
            try {
                out.add(new SloDefinition(name, service, description, sli.get(), method, target.getAsDouble(),
                        slice, sliceTarget, window.get(), policy, List.of(), draft.minEvents(), draft.source()));
            } catch (IllegalArgumentException e) {
                f.problem("timeSliceWindow", e.getMessage());
            }
        }
    }

    private static OptionalDouble percent(Fields f) {
        OptionalDouble p = f.number("targetPercent");
        if (p.isPresent() && !(p.getAsDouble() > 0 && p.getAsDouble() < 100)) {
            f.problem("targetPercent", "must be between 0 and 100 exclusive, got " + p.getAsDouble());
            return OptionalDouble.empty();
        }
        // Decimal shifting keeps 99.99 as 0.9999 rather than 0.9998999999999999.
        return p.isPresent() ? OptionalDouble.of(java.math.BigDecimal.valueOf(p.getAsDouble()).movePointLeft(2).doubleValue()) : p;
    }

    private static Optional<SliDefinition> thresholdObjective(Fields f, SliDefinition.Threshold t) {
        Optional<Comparison> op = f.requiredText("op", "lt, lte, gt or gte: how a good value compares with 'value'")
                .flatMap(text -> {
                    Optional<Comparison> c = Comparison.parse(text);
                    if (c.isEmpty()) {
                        f.problem("op", "unknown operator '" + text + "': use lt, lte, gt or gte");
                    }
                    return c;
                });
        OptionalDouble value = f.number("value");
        if (f.node("value").isEmpty()) {
            f.missing("value", "the bound a good value satisfies, e.g. 27");
        }
        if (op.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SliDefinition.Threshold(t.query(), op.get(), value.getAsDouble()));
    }

    private Optional<SliDefinition> indicator(Fields spec) {
        if (spec.node("indicator").isPresent() == spec.node("indicatorRef").isPresent()) {
            spec.problem(spec.node("indicator").isPresent() ? "indicatorRef" : "indicator",
                    "an SLO has exactly one of indicator and indicatorRef");
            return Optional.empty();
        }
        if (spec.node("indicatorRef").isPresent()) {
            Optional<String> ref = spec.text("indicatorRef");
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            Located<SliDefinition> sli = slis.get(ref.get());
            if (sli == null) {
                spec.problem("indicatorRef", "no SLI named '" + ref.get() + "' in slos/*.yaml");
                return Optional.empty();
            }
            return Optional.of(sli.value());
        }
        return spec.child("indicator", List.of("metadata", "spec")).flatMap(f -> {
            f.child("metadata", METADATA);
            if (f.node("spec").isEmpty()) {
                f.missing("spec", "thresholdMetric or ratioMetric");
                return Optional.empty();
            }
            return f.child("spec", List.of("description", "thresholdMetric", "ratioMetric")).flatMap(this::sli);
        });
    }

    private static Optional<SloWindow> window(Fields spec) {
        Optional<List<YamlNode>> list = spec.list("timeWindow");
        if (list.isEmpty()) {
            if (spec.node("timeWindow").isEmpty()) {
                spec.missing("timeWindow", "- duration: 30d\n  isRolling: true");
            }
            return Optional.empty();
        }
        if (list.get().size() != 1) {
            spec.problem("timeWindow", "expected exactly one time window, got " + list.get().size());
            return Optional.empty();
        }
        Optional<Fields> w = Fields.of(spec.file(), spec.path("timeWindow") + "[0]", list.get().get(0),
                List.of("duration", "isRolling", "calendar"));
        if (w.isEmpty()) {
            return Optional.empty();
        }
        Fields f = w.get();
        Optional<String> duration = f.requiredText("duration", "30d (rolling) or 1M (calendar)");
        boolean rolling = f.bool("isRolling").orElse(f.node("calendar").isEmpty());
        if (duration.isEmpty()) {
            return Optional.empty();
        }
        if (rolling) {
            Optional<Duration> d = f.duration("duration");
            if (d.isPresent() && d.get().toMillis() % 60_000 != 0) {
                f.problem("duration", "rolling windows are whole minutes");
                return Optional.empty();
            }
            return d.map(SloWindow.Rolling::new);
        }
        ZoneId zone = ZoneOffset.UTC;
        Optional<Fields> calendar = f.child("calendar", List.of("startTime", "timeZone"));
        if (calendar.isPresent()) {
            Optional<String> tz = calendar.get().text("timeZone");
            if (tz.isPresent()) {
                try {
                    zone = ZoneId.of(tz.get());
                } catch (java.time.DateTimeException e) {
                    calendar.get().problem("timeZone", "unknown time zone '" + tz.get()
                            + "': use an IANA name such as Europe/Paris");
                    return Optional.empty();
                }
            }
        }
        Optional<CalendarPeriod> period = CalendarPeriod.parse(duration.get());
        if (period.isEmpty()) {
            f.problem("duration", "unknown calendar period '" + duration.get() + "': use 1d, 1w, 1M, 1Q or 1Y");
            return Optional.empty();
        }
        ZoneId z = zone;
        return period.map(p -> new SloWindow.Calendar(p, z));
    }

    private AlertPolicy alertPolicies(Fields spec, String sloName) {
        Optional<List<YamlNode>> list = spec.list("alertPolicies");
        if (list.isEmpty()) {
            return DefaultAlertPolicy.get();
        }
        List<AlertRule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.get().size(); i++) {
            YamlNode item = list.get().get(i);
            String path = spec.path("alertPolicies") + "[" + i + "]";
            Optional<AlertPolicy> policy;
            if (item instanceof YamlNode.Mapping m && m.entries().containsKey("alertPolicyRef")) {
                policy = Fields.of(spec.file(), path, item, List.of("alertPolicyRef"))
                        .flatMap(f -> f.requiredText("alertPolicyRef", "").flatMap(ref -> {
                            if (ref.equals(DefaultAlertPolicy.NAME)) {
                                return Optional.of(DefaultAlertPolicy.get());
                            }
                            if (!policies.containsKey(ref)) {
                                f.problem("alertPolicyRef", "no AlertPolicy named '" + ref + "' (or use "
                                        + DefaultAlertPolicy.NAME + ")");
                            }
                            return policy(ref);
                        }));
            } else {
                policy = Fields.of(spec.file(), path, item, List.of("kind", "metadata", "spec")).flatMap(f -> {
                    String name = f.child("metadata", METADATA).flatMap(md -> md.text("name"))
                            .orElse(sloName + "-policy-" + names.size());
                    return f.child("spec", List.of("description", "alertWhenNoData", "alertWhenResolved",
                                    "alertWhenBreaching", "conditions", "notificationTargets"))
                            .flatMap(s -> policy(name, s))
                            .flatMap(d -> resolvePolicy(new Located<>(d, spec.file(), item)));
                });
            }
            policy.ifPresent(p -> {
                rules.addAll(p.rules());
                names.add(p.name());
            });
        }
        return rules.isEmpty() ? DefaultAlertPolicy.get() : new AlertPolicy(String.join("+", names), rules);
    }
}
