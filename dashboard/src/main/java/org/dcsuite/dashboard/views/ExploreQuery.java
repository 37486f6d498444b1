package org.dcsuite.dashboard.views;

import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.select.LabelMatcher;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.StepAggregation;

/**
 * Everything the Explore view shows, as it is written in the URL ({@code /explore?q=hw.temperature{site="lyon"}
 * &range=1h&agg=max}), so a chart is bookmarked and shared by its address.
 *
 * @param selector    the selector as typed (may be empty or invalid: the view says why)
 * @param range       the time range
 * @param aggregation how the samples of one step become its point
 */
record ExploreQuery(String selector, ChartRange range, StepAggregation aggregation) {

    static final String SELECTOR_PARAMETER = "q";
    static final String RANGE_PARAMETER = "range";
    static final String AGGREGATION_PARAMETER = "agg";
    /** Explore opens on the last hour: long enough to see a trend, short enough to update live by its tail. */
    static final ChartRange DEFAULT_RANGE = ChartRange.HOUR_1;
    static final StepAggregation DEFAULT_AGGREGATION = StepAggregation.AVG;

    ExploreQuery {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(aggregation, "aggregation");
    }

    /** The query of a URL; unknown ranges and aggregations (a hand-edited URL) fall back to the defaults. */
    static ExploreQuery from(QueryParameters parameters) {
        Map<String, List<String>> p = parameters.getParameters();
        String selector = first(p, SELECTOR_PARAMETER).orElse("");
        ChartRange range = first(p, RANGE_PARAMETER).flatMap(ChartRange::fromId).orElse(DEFAULT_RANGE);
        StepAggregation aggregation = first(p, AGGREGATION_PARAMETER).flatMap(StepAggregation::fromId)
                .orElse(DEFAULT_AGGREGATION);
        return new ExploreQuery(selector, range, aggregation);
    }

    QueryParameters toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!selector.isBlank()) {
            p.put(SELECTOR_PARAMETER, selector);
        }
        p.put(RANGE_PARAMETER, range.id());
        p.put(AGGREGATION_PARAMETER, aggregation.id());
        return QueryParameters.simple(p);
    }

    /** The selector parsed; throws {@link IllegalArgumentException} with the reason when it is not valid. */
    SeriesSelector parsed() {
        if (selector.isBlank()) {
            throw new IllegalArgumentException("pick a metric or type a selector, e.g. hw.temperature{site=\"lyon\"}");
        }
        return SeriesSelector.parse(selector.trim());
    }

    ExploreQuery withSelector(String text) {
        return new ExploreQuery(text, range, aggregation);
    }

    ExploreQuery withRange(ChartRange r) {
        return new ExploreQuery(selector, r, aggregation);
    }

    ExploreQuery withAggregation(StepAggregation a) {
        return new ExploreQuery(selector, range, a);
    }

    /**
     * The selector with one label fixed to a value by equality (the metric name for {@link SeriesKey#NAME_LABEL}),
     * or freed of it when {@code value} is empty; other matchers are kept. The selector typed so far is the base when
     * it parses, otherwise it is dropped.
     */
    static String withLabel(String selector, String label, Optional<String> value) {
        List<LabelMatcher> matchers = new ArrayList<>();
        try {
            if (!selector.isBlank()) {
                matchers.addAll(SeriesSelector.parse(selector.trim()).matchers());
            }
        } catch (IllegalArgumentException e) {
            matchers.clear();
        }
        int at = -1;
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).label().equals(label) && matchers.get(i).op() == LabelMatcher.Op.EQ) {
                at = i;
            }
        }
        if (at >= 0) {
            matchers.remove(at);
        }
        if (value.isPresent()) {
            matchers.add(label.equals(SeriesKey.NAME_LABEL) ? 0 : at < 0 ? matchers.size() : at,
                    LabelMatcher.eq(label, value.get()));
        }
        if (matchers.isEmpty()) {
            return "";
        }
        try {
            return SeriesSelector.of(matchers).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The value of an equality matcher on {@code label} in a valid selector. */
    static Optional<String> label(SeriesSelector selector, String label) {
        return selector.matchers().stream().filter(m -> m.label().equals(label) && m.op() == LabelMatcher.Op.EQ)
                .map(LabelMatcher::value).findFirst();
    }

    private static Optional<String> first(Map<String, List<String>> p, String name) {
        List<String> values = p.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
