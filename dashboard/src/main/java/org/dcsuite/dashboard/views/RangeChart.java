package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartRange;

/**
 * A titled {@link TimeSeriesChart} with a range picker. The range lives in the URL ({@code ?range=7d}), so a chart's
 * range is bookmarked and shared with its view; the caption says the step and whether rollups answered.
 */
final class RangeChart extends VerticalLayout {

    /** The query parameter holding the range id. */
    static final String RANGE_PARAMETER = "range";

    private final Select<ChartRange> range = new Select<>();
    private final TimeSeriesChart chart = new TimeSeriesChart();
    private final Span caption = new Span();
    private volatile ChartRange selected = ChartRange.DEFAULT;
    private String path = "";

    /**
     * @param id      the chart's element id
     * @param title   what it shows
     * @param reload  asked to load and show the data again when the viewer picks a range
     */
    RangeChart(String id, String title, Runnable reload) {
        setPadding(false);
        setSpacing(false);
        setWidthFull();
        chart.setId(id);
        range.setId(id + "-range");
        range.setItems(ChartRange.values());
        range.setItemLabelGenerator(ChartRange::id);
        range.setValue(selected);
        range.setWidth("7rem");
        range.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != selected) {
                selected = e.getValue();
                UI.getCurrent().getPage().getHistory().replaceState(null, path + "?"
                        + QueryParameters.simple(Map.of(RANGE_PARAMETER, selected.id())).getQueryString());
                reload.run();
            }
        });
        caption.setId(id + "-caption");
        caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout head = new HorizontalLayout(new H3(title), range);
        head.setAlignItems(Alignment.BASELINE);
        add(head, chart, caption);
    }

    /** Takes the range from the URL (the default when absent or unknown) and remembers the view's path. */
    void fromUrl(String path, QueryParameters query) {
        this.path = path;
        List<String> values = query.getParameters().getOrDefault(RANGE_PARAMETER, List.of());
        selected = values.isEmpty() ? ChartRange.DEFAULT
                : ChartRange.fromId(values.getFirst()).orElse(ChartRange.DEFAULT);
        range.setValue(selected);
    }

    /** The range shown; read by the refresher thread. */
    ChartRange selected() {
        return selected;
    }

    /** What the chart draws now, so a refresh reads only what follows it; called from the refresher thread too. */
    Optional<ChartData> shown() {
        return chart.data();
    }

    /** Shows a whole range, or appends a tail of the range shown ({@link TimeSeriesChart#show}). */
    void show(ChartData next) {
        if (next.range() != selected) {
            // Loaded before the viewer picked another range; the pick's own load shows that one.
            return;
        }
        chart.show(next);
        caption.setText(caption(chart.data().orElse(next), "average"));
    }

    /** What a chart's caption says: range, step, aggregation and where the store read it from. */
    static String caption(ChartData data, String aggregation) {
        return String.format(Locale.ROOT, "Last %s, one point per %s (%s), from %s; times in your time zone.",
                data.range().id(), Formats.step(data.step()), aggregation, switch (data.source()) {
                    case RAW -> "raw samples";
                    case MINUTE_ROLLUP -> "1-minute rollups";
                    case HOUR_ROLLUP -> "1-hour rollups";
                }) + (data.series().isEmpty() ? " No readings in this range." : "");
    }

    /** The range picker, for tests. */
    Select<ChartRange> range() {
        return range;
    }

    /** The chart, for tests. */
    TimeSeriesChart chart() {
        return chart;
    }
}
