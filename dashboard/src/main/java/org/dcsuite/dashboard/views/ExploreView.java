package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.DeviceHealthMetrics;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.ChartWindow;
import org.dcsuite.dashboard.data.ExploreChart;
import org.dcsuite.dashboard.data.ExploreService;
import org.dcsuite.dashboard.data.StepAggregation;

/**
 * Any series over time: a metric picked from those stored (the box filters as one types), narrowed by site and
 * device or by a typed selector ({@code hw.temperature{site="edge-lyon"}}), over 15 min to 30 days, one point per step
 * aggregated as chosen. At most {@link ExploreService#MAX_SERIES} lines are drawn, and the view says how many were left
 * out. The whole state is in the URL, so a chart is bookmarked and shared by its address; short ranges move on by
 * push.
 */
@Route(value = "explore", layout = MainLayout.class)
@PageTitle("Explore · dcsuite")
@PermitAll
public final class ExploreView extends VerticalLayout implements BeforeEnterObserver {

    static final String SITE_LABEL = "site";

    private final ExploreService explore;
    private final DashboardContext context;
    private final ComboBox<String> metric = new ComboBox<>("Metric");
    private final ComboBox<String> site = new ComboBox<>("Site");
    private final ComboBox<String> device = new ComboBox<>("Device");
    private final TextField selector = new TextField("Selector");
    private final Select<ChartRange> range = new Select<>();
    private final Select<StepAggregation> aggregation = new Select<>();
    private final Span message = new Span();
    private final TimeSeriesChart chart = new TimeSeriesChart();
    private final Span caption = new Span();
    /** What is shown; read by the refresher thread. */
    private volatile ExploreQuery query = ExploreQuery.from(QueryParameters.empty());
    /** Set while the fields are filled from the query, so their listeners do not write it back. */
    private boolean filling;

    public ExploreView() {
        context = DashboardContext.current();
        explore = context.explore();
        setWidthFull();
        metric.setId("explore-metric");
        metric.setPlaceholder("Type to filter");
        metric.setClearButtonVisible(true);
        metric.setWidth("16rem");
        site.setId("explore-site");
        site.setClearButtonVisible(true);
        device.setId("explore-device");
        device.setClearButtonVisible(true);
        device.setWidth("14rem");
        selector.setId("explore-selector");
        selector.setWidthFull();
        selector.setHelperText("A dcsuite selector: metric{label=\"value\", label!=\"v\", label=~\"regex\"}; "
                + "Enter to draw.");
        range.setId("explore-range");
        range.setLabel("Range");
        range.setItems(ChartRange.values());
        range.setItemLabelGenerator(ChartRange::id);
        range.setWidth("7rem");
        aggregation.setId("explore-aggregation");
        aggregation.setLabel("Per step");
        aggregation.setItems(StepAggregation.values());
        aggregation.setItemLabelGenerator(StepAggregation::text);
        aggregation.setWidth("10rem");
        message.setId("explore-message");
        chart.setId("explore-chart");
        caption.setId("explore-caption");
        caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");

        metric.addValueChangeListener(e -> picked(SeriesKey.NAME_LABEL, e.getValue()));
        site.addValueChangeListener(e -> picked(SITE_LABEL, e.getValue()));
        device.addValueChangeListener(e -> picked(DeviceHealthMetrics.DEVICE_ATTRIBUTE, e.getValue()));
        selector.addValueChangeListener(e -> {
            if (!filling) {
                apply(query.withSelector(e.getValue()));
            }
        });
        range.addValueChangeListener(e -> {
            if (!filling && e.getValue() != null) {
                apply(query.withRange(e.getValue()));
            }
        });
        aggregation.addValueChangeListener(e -> {
            if (!filling && e.getValue() != null) {
                apply(query.withAggregation(e.getValue()));
            }
        });

        HorizontalLayout pickers = new HorizontalLayout(metric, site, device, range, aggregation);
        pickers.setAlignItems(FlexComponent.Alignment.BASELINE);
        pickers.getStyle().set("flex-wrap", "wrap");
        add(new H2("Explore"), pickers, selector, message, chart, caption);
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::loadTail, this::showTail);
    }

    /** A "Chart" link from another view to this one, charting {@code selector} over {@code range}. */
    static RouterLink chartLink(String selector, ChartRange range) {
        RouterLink link = new RouterLink("Chart", ExploreView.class);
        link.setQueryParameters(new ExploreQuery(selector, range, ExploreQuery.DEFAULT_AGGREGATION).toParameters());
        return link;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        metric.setItems(explore.metricNames());
        show(ExploreQuery.from(event.getLocation().getQueryParameters()));
    }

    /** The chart, for tests. */
    TimeSeriesChart chart() {
        return chart;
    }

    /** The selector field, for tests. */
    TextField selector() {
        return selector;
    }

    /** The metric picker, for tests. */
    ComboBox<String> metric() {
        return metric;
    }

    /** The site picker, for tests. */
    ComboBox<String> site() {
        return site;
    }

    /** The range picker, for tests. */
    Select<ChartRange> range() {
        return range;
    }

    /** The line above the chart (series count, cap, errors), for tests. */
    Span message() {
        return message;
    }

    private void picked(String label, String value) {
        if (!filling) {
            apply(query.withSelector(ExploreQuery.withLabel(query.selector(), label, Optional.ofNullable(value))));
        }
    }

    /** Shows a changed query and writes it into the URL, replacing the entry so Back leaves the view. */
    private void apply(ExploreQuery next) {
        show(next);
        UI.getCurrent().getPage().getHistory().replaceState(null, RouteConfiguration.forSessionScope()
                .getUrl(ExploreView.class) + "?" + next.toParameters().getQueryString());
    }

    private void show(ExploreQuery next) {
        query = next;
        Optional<SeriesSelector> parsed = fill(next);
        if (parsed.isEmpty()) {
            return;
        }
        try {
            showChart(explore.chart(parsed.get(), next.aggregation(),
                    ChartWindow.whole(next.range(), context.clock().instant())));
        } catch (RuntimeException e) {
            // A selector can parse and still be refused by the store (a regular expression it cannot run, say).
            message.setText("The store could not answer " + next.selector() + ": " + e.getMessage());
            chart.setVisible(false);
        }
    }

    /** Puts the query into the fields; the selector when it parses, else the reason shown under the field. */
    private Optional<SeriesSelector> fill(ExploreQuery q) {
        filling = true;
        try {
            selector.setValue(q.selector());
            range.setValue(q.range());
            aggregation.setValue(q.aggregation());
            SeriesSelector parsed;
            try {
                parsed = q.parsed();
            } catch (IllegalArgumentException e) {
                selector.setInvalid(!q.selector().isBlank());
                selector.setErrorMessage(e.getMessage());
                message.setText(q.selector().isBlank() ? "Pick a metric, or type a selector such as "
                        + "hw.temperature{site=\"edge-lyon\"}." : e.getMessage());
                chart.setVisible(false);
                caption.setText("");
                return Optional.empty();
            }
            selector.setInvalid(false);
            Optional<String> name = parsed.metricName();
            metric.setValue(name.orElse(null));
            site.setItems(explore.labelValues(SITE_LABEL, name));
            site.setValue(ExploreQuery.label(parsed, SITE_LABEL).orElse(null));
            device.setItems(explore.labelValues(DeviceHealthMetrics.DEVICE_ATTRIBUTE, name));
            device.setValue(ExploreQuery.label(parsed, DeviceHealthMetrics.DEVICE_ATTRIBUTE).orElse(null));
            chart.setVisible(true);
            return Optional.of(parsed);
        } finally {
            filling = false;
        }
    }

    private void showChart(ExploreChart drawn) {
        chart.show(drawn.data());
        ChartData data = chart.data().orElse(drawn.data());
        caption.setText(RangeChart.caption(data, query.aggregation().text()) + " Axis in " + data.unit() + ".");
        if (drawn.matched() == 0) {
            message.setText("No series matches " + query.selector() + " with readings in the last "
                    + query.range().id() + ".");
        } else if (drawn.capped()) {
            message.setText("Showing " + drawn.data().series().size() + " of " + drawn.matched()
                    + " series: narrow the selector (site, device, hw.id) to see the others.");
        } else {
            message.setText(drawn.matched() + " series.");
        }
    }

    /** Runs on the refresher thread: the tail (or whole range) of what is shown, for the query it was read for. */
    private Optional<Loaded> loadTail() {
        ExploreQuery q = query;
        SeriesSelector parsed;
        try {
            parsed = q.parsed();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<ChartData> shown = chart.data();
        return ChartWindow.next(q.range(), shown, context.clock().instant())
                .map(window -> new Loaded(q, shown, explore.chart(parsed, q.aggregation(), window)));
    }

    private void showTail(Optional<Loaded> loaded) {
        // A tail continues the drawing it was read after; if the viewer changed the query since, it is dropped.
        loaded.filter(l -> l.query().equals(query) && l.after().equals(chart.data()))
                .ifPresent(l -> showChart(l.chart()));
    }

    private record Loaded(ExploreQuery query, Optional<ChartData> after, ExploreChart chart) {
    }
}
