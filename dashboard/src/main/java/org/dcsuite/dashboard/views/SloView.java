package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartWindow;
import org.dcsuite.dashboard.data.SegmentLatency;
import org.dcsuite.dashboard.data.SloBoardService;
import org.dcsuite.dashboard.data.SloDetail;
import org.dcsuite.dashboard.data.SloRow;

/**
 * One SLO: what its definition says, its SLI, budget, burn rates and alerts now, and their history as charts from the
 * {@code slo.*} series; for a latency SLO each request segment's p95/p99 against its target, for a composite its
 * components. Bookmarkable with its range ({@code /slos/checkout-latency?range=7d}); refreshed by push.
 */
@Route(value = "slos/:name", layout = MainLayout.class)
@PageTitle("SLO · dcsuite")
@PermitAll
public final class SloView extends VerticalLayout implements BeforeEnterObserver {

    static final String NAME_PARAMETER = "name";

    private final SloBoardService slos;
    private final H2 title = new H2();
    private final Paragraph description = new Paragraph();
    private final Paragraph facts = new Paragraph();
    private final Div budget = new Div();
    private final Div burn = new Div();
    private final Div alerts = new Div();
    private final List<RangeChart> charts = new ArrayList<>();
    private final List<SloBoardService.Chart> kinds = List.of(SloBoardService.Chart.SLI,
            SloBoardService.Chart.BUDGET, SloBoardService.Chart.BURN);
    private final Grid<SegmentLatency> segments = new Grid<>(SegmentLatency.class, false);
    private final Paragraph segmentsCaption = new Paragraph();
    private final Grid<SloRow> components = new Grid<>(SloRow.class, false);
    private volatile String name;
    /** The end of the windows the charts show: they are read again once a new step has ended, not every refresh. */
    private volatile long chartsTo = Long.MIN_VALUE;

    public SloView() {
        DashboardContext context = DashboardContext.current();
        this.slos = context.slos();
        setSizeFull();
        charts.add(new RangeChart("slo-sli-chart", "SLI and objective", () -> rangePicked(0)));
        charts.add(new RangeChart("slo-budget-chart", "Error budget remaining", () -> rangePicked(1)));
        charts.add(new RangeChart("slo-burn-chart", "Burn rates", () -> rangePicked(2)));
        title.setId("slo-title");
        description.setId("slo-description");
        facts.setId("slo-facts");
        budget.setId("slo-budget");
        burn.setId("slo-burn");
        alerts.setId("slo-alerts");

        segments.setId("slo-segments");
        segments.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        segments.addColumn(SegmentLatency::segment).setKey("segment").setHeader("Segment").setSortable(true);
        segments.addColumn(s -> millis(s.p95Seconds())).setKey("p95").setHeader("p95")
                .setComparator(Comparator.comparingDouble(s -> s.p95Seconds().orElse(Double.NEGATIVE_INFINITY)))
                .setPartNameGenerator(s -> s.exceeds(s.p95Seconds()) ? "over-target" : null)
                .setTooltipGenerator(s -> s.p95Route().map(r -> "Slowest route: " + r).orElse("No recent p95"));
        segments.addColumn(s -> millis(s.p99Seconds())).setKey("p99").setHeader("p99")
                .setComparator(Comparator.comparingDouble(s -> s.p99Seconds().orElse(Double.NEGATIVE_INFINITY)))
                .setPartNameGenerator(s -> s.exceeds(s.p99Seconds()) ? "over-target" : null)
                .setTooltipGenerator(s -> s.p99Route().map(r -> "Slowest route: " + r).orElse("No recent p99"));
        segments.addColumn(s -> s.target().map(t -> t.toMillis() + " ms").orElse("no target"))
                .setKey("target").setHeader("Target").setSortable(true);
        segments.addColumn(SloView::verdict).setKey("verdict").setHeader("Against target").setSortable(true);
        segments.setAllRowsVisible(true);
        segmentsCaption.setId("slo-segments-caption");

        components.setId("slo-components");
        components.addThemeVariants(GridVariant.LUMO_COMPACT);
        components.addComponentColumn(r -> new RouterLink(r.name(), SloView.class, new RouteParameters(params(r.name()))))
                .setKey("name").setHeader("Component");
        components.addColumn(r -> SloFormats.objective(r.objective())).setKey("objective").setHeader("Objective");
        components.addColumn(r -> SloFormats.sli(r.sli())).setKey("sli").setHeader("SLI");
        components.addComponentColumn(SloFormats::budgetBar).setKey("budget").setHeader("Error budget");
        components.setAllRowsVisible(true);

        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get(NAME_PARAMETER).orElse("");
        removeAll();
        Optional<SloDetail> detail = slos.detail(name);
        if (detail.isEmpty()) {
            add(new NotFound("SLO", name, slos.names()), new RouterLink("All SLOs", SloListView.class));
            return;
        }
        charts.forEach(c -> c.fromUrl(event.getLocation().getPath(), event.getLocation().getQueryParameters()));
        SloDetail d = detail.get();
        description.setText((d.description().isEmpty() ? "" : d.description() + " ") + "SLI: " + d.sliText()
                + ". Defined in " + d.source() + ".");
        HorizontalLayout status = new HorizontalLayout(label("Budget"), budget, label("Burn"), burn, label("Alerts"),
                alerts);
        status.setAlignItems(FlexComponent.Alignment.CENTER);
        status.getStyle().set("flex-wrap", "wrap");
        add(title, description, facts, status);
        if (d.latency()) {
            add(new H3("Latency budget per segment"), segmentsCaption, segments);
        }
        if (!d.components().isEmpty()) {
            add(new H3("Components"), components);
        }
        charts.forEach(this::add);
        add(new RouterLink("All SLOs", SloListView.class));
        chartsTo = Long.MIN_VALUE;
        show(load());
    }

    /** The route parameters of an SLO's page. */
    static Map<String, String> params(String sloName) {
        return Map.of(NAME_PARAMETER, sloName);
    }

    /** The charts (SLI, budget, burn rates), for tests. */
    List<RangeChart> charts() {
        return List.copyOf(charts);
    }

    /** The segment table, for tests. */
    Grid<SegmentLatency> segments() {
        return segments;
    }

    /** The components of a composite, for tests. */
    Grid<SloRow> components() {
        return components;
    }

    private Loaded load() {
        String n = name;
        if (n == null) {
            return new Loaded("", Optional.empty(), Optional.empty(), List.of());
        }
        ChartWindow window = slos.window(charts.getFirst().selected());
        List<ChartData> data = new ArrayList<>();
        if (window.toMillis() != chartsTo) {
            for (int i = 0; i < kinds.size(); i++) {
                Optional<ChartData> chart = slos.chart(n, kinds.get(i), slos.window(charts.get(i).selected()));
                if (chart.isEmpty()) {
                    return new Loaded(n, Optional.empty(), Optional.empty(), List.of());
                }
                data.add(chart.get());
            }
        }
        return new Loaded(n, slos.detail(n), slos.segments(n), data);
    }

    private void show(Loaded loaded) {
        if (!loaded.name().equals(name) || loaded.detail().isEmpty()) {
            // Loaded for the SLO shown before a navigation to another one.
            return;
        }
        SloDetail d = loaded.detail().get();
        SloRow r = d.row();
        title.setText(r.name() + " (" + r.service() + ")");
        facts.setText("Objective " + SloFormats.objective(r.objective()) + " over " + r.window() + ", " + r.method()
                + ". SLI now " + SloFormats.sli(r.sli()) + (r.evaluatedAt().isEmpty() ? ""
                        : " (evaluated " + Formats.time(r.evaluatedAt(), ViewerZone.get()) + ")") + ".");
        budget.removeAll();
        budget.add(SloFormats.budgetBar(r));
        burn.removeAll();
        burn.add(SloFormats.burnBadges(r));
        alerts.removeAll();
        alerts.add(SloFormats.alertBadges(r));
        loaded.segments().ifPresentOrElse(list -> {
            segments.setItems(list);
            segmentsCaption.setText("p95 and p99 of each segment (" + SloBoardService.SEGMENT_QUANTILES
                    + "{service=\"" + slos.segmentService(r.name()).orElse("") + "\"}, the slowest route's, newest in "
                    + "the last " + SloBoardService.SEGMENT_LOOKBACK.toMinutes() + " min) against the targets of the "
                    + "SLI's segments. " + (list.isEmpty() ? "No segment has reported recently." : ""));
        }, () -> {
            segments.setItems(List.of());
            segmentsCaption.setText("The histogram selector names no service (service=\"...\"), so there are no "
                    + "segment quantiles to show.");
        });
        components.setItems(d.components());
        // Either no chart (no new step since the last read) or all of them, in the order of the charts.
        for (int i = 0; i < loaded.charts().size(); i++) {
            ChartData data = loaded.charts().get(i);
            charts.get(i).show(data);
            if (i == 0 && !data.timesMillis().isEmpty()) {
                chartsTo = data.timesMillis().getLast();
            }
        }
    }

    /** All three charts show one range: picking it on one picks it on the others (and the URL). */
    private void rangePicked(int index) {
        QueryParameters query = QueryParameters.simple(Map.of(RangeChart.RANGE_PARAMETER,
                charts.get(index).selected().id()));
        String path = "slos/" + name;
        for (int i = 0; i < charts.size(); i++) {
            if (i != index) {
                charts.get(i).fromUrl(path, query);
            }
            slos.chart(name, kinds.get(i), slos.window(charts.get(i).selected())).ifPresent(charts.get(i)::show);
        }
    }

    private static Span label(String text) {
        Span label = new Span(text);
        label.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return label;
    }

    private static String millis(OptionalDouble seconds) {
        return seconds.isEmpty() ? Formats.NONE : String.format(Locale.ROOT, "%.1f ms", seconds.getAsDouble() * 1000);
    }

    private static String verdict(SegmentLatency s) {
        if (s.target().isEmpty()) {
            return "no target";
        }
        if (s.p95Seconds().isEmpty() && s.p99Seconds().isEmpty()) {
            return Formats.NONE;
        }
        return s.exceeds(s.p99Seconds()) || s.exceeds(s.p95Seconds()) ? "over target" : "within target";
    }

    private record Loaded(String name, Optional<SloDetail> detail, Optional<List<SegmentLatency>> segments,
            List<ChartData> charts) {
    }
}
