package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.EnergyComparison;
import org.dcsuite.dashboard.data.EnergyComparisonCsv;
import org.dcsuite.dashboard.data.EnergyRange;
import org.dcsuite.dashboard.data.EnergyViewService;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.report.Figure;

/**
 * The sites' energy KPIs side by side over a range: PUE with its metering category, CUE, WUE, ERF, REF, energy,
 * CO2, cost and energy per 1000 requests, each with the share of the range it was measured. Facility staff and
 * management read it, so every role may. The range is in the URL ({@code /energy?range=30d}); refreshed by push.
 */
@Route(value = "energy", layout = MainLayout.class)
@PageTitle("Energy · dcsuite")
@PermitAll
public final class EnergyView extends VerticalLayout implements BeforeEnterObserver {

    static final String FOOTNOTE = "Each KPI is computed over the time all its inputs were measured, and says how "
            + "much of the range that was; a KPI without a value shows — and its tooltip says why. Compare PUEs of "
            + "different categories with care: the category says where IT energy is metered. Cost and CO2 apply to the "
            + "grid share of the facility energy. Figures are integrated minute by minute up to the last whole minute.";

    private final EnergyViewService energy;
    private final Select<EnergyRange> range = new Select<>();
    private final Span caption = new Span();
    private final Paragraph problem = new Paragraph();
    private final Grid<EnergyComparison.Row> grid = new Grid<>();
    private final Anchor csv;
    private volatile EnergyRange selected = EnergyRange.DEFAULT;
    private volatile ZoneId zone = ViewerZone.get();
    private volatile EnergyComparison shown;

    public EnergyView() {
        DashboardContext context = DashboardContext.current();
        this.energy = context.energy();
        setSizeFull();
        range.setId("energy-range");
        range.setItems(EnergyRange.values());
        range.setItemLabelGenerator(EnergyRange::label);
        range.setValue(selected);
        range.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != selected) {
                selected = e.getValue();
                UI.getCurrent().getPage().getHistory().replaceState(null, "energy?" + query(selected));
                load(UI.getCurrent());
            }
        });
        caption.setId("energy-caption");
        caption.getStyle().set("color", "var(--lumo-secondary-text-color)");
        problem.setId("energy-problem");
        problem.setVisible(false);

        grid.setId("energy-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(r -> {
                    RouterLink link = new RouterLink(r.site(), EnergySiteView.class,
                            new RouteParameters(EnergySiteView.params(r.site())));
                    // The site's page opens over the range compared here.
                    link.setQueryParameters(QueryParameters.simple(Map.of(RangeChart.RANGE_PARAMETER,
                            selected.id())));
                    return link;
                })
                .setKey("site").setHeader("Site").setComparator(Comparator.comparing(EnergyComparison.Row::site));
        kpiColumn("pue", "PUE");
        // The PUE's own label: "annual" joins the category when the range is a measured year.
        grid.addColumn(r -> r.report().total().kpi("pue").orElseThrow().label()).setKey("pue-category")
                .setHeader("PUE category")
                .setSortable(true).setTooltipGenerator(r -> "IT energy metered at " + r.report().itCategory().place());
        kpiColumn("cue", "CUE");
        kpiColumn("wue", "WUE");
        kpiColumn("erf", "ERF");
        kpiColumn("ref", "REF");
        figureColumn("it", "IT energy");
        figureColumn("facility", "Facility energy");
        figureColumn("co2", "CO2");
        figureColumn("cost", "Cost");
        grid.addColumn(r -> r.requests().kwhPer1000().isEmpty() ? Formats.NONE
                        : EnergyFormats.number(r.requests().kwhPer1000().getAsDouble(), 3) + " kWh")
                .setKey("kwh-per-1000-requests").setHeader("Per 1000 requests")
                .setComparator(Comparator.comparingDouble(r -> EnergyFormats.orMin(r.requests().kwhPer1000())))
                .setTooltipGenerator(r -> r.requests().explanation());
        // Each figure must read whole ("0.612 kgCO2/kWh (97 % measured)"): columns fit their content and the grid
        // scrolls sideways on narrow screens rather than cutting every figure short.
        grid.getColumns().forEach(c -> c.setResizable(true).setAutoWidth(true).setFlexGrow(0));
        grid.setAllRowsVisible(true);

        csv = new Anchor((DownloadHandler) event -> {
            EnergyComparison data = shown;
            byte[] bytes = EnergyComparisonCsv.write(data).getBytes(StandardCharsets.UTF_8);
            event.setFileName("dcsuite-energy-" + data.range().id() + ".csv");
            event.setContentType("text/csv; charset=utf-8");
            event.setContentLength(bytes.length);
            event.getOutputStream().write(bytes);
        }, "Download CSV");
        csv.setId("energy-csv");
        // Until a report is shown there is nothing to download.
        csv.setEnabled(false);

        Paragraph footnote = new Paragraph(FOOTNOTE);
        footnote.setId("energy-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout head = new HorizontalLayout(new H2("Energy"), range, csv);
        head.setAlignItems(Alignment.BASELINE);
        add(head, caption, problem, grid, footnote);
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(),
                () -> energy.latestComparison(selected, zone), latest -> latest.ifPresent(this::show));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> values = event.getLocation().getQueryParameters().getParameters()
                .getOrDefault(RangeChart.RANGE_PARAMETER, List.of());
        selected = values.isEmpty() ? EnergyRange.DEFAULT
                : EnergyRange.fromId(values.getFirst()).orElse(EnergyRange.DEFAULT);
        range.setValue(selected);
        load(event.getUI());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerZone.detect(event.getUI(), () -> {
            zone = ViewerZone.get();
            load(event.getUI());
        });
        zone = ViewerZone.get();
    }

    /** The query string of a range, shared by this view's URL and the site view's links. */
    static String query(EnergyRange range) {
        return QueryParameters.simple(Map.of(RangeChart.RANGE_PARAMETER, range.id())).getQueryString();
    }

    /** The grid, for tests. */
    Grid<EnergyComparison.Row> grid() {
        return grid;
    }

    /** The range picker, for tests. */
    Select<EnergyRange> range() {
        return range;
    }

    /** What the CSV link downloads now, for tests. */
    String csv() {
        return EnergyComparisonCsv.write(shown);
    }

    /** Whether a comparison is shown, for tests: reports are computed off the UI thread and pushed. */
    boolean loaded() {
        return shown != null && shown.range() == selected;
    }

    /** Shows this minute's comparison, at once when it is computed, else when it is. */
    private void load(UI ui) {
        CompletableFuture<EnergyComparison> next = energy.compare(selected, zone);
        if (next.isDone()) {
            show(next.join());
            return;
        }
        caption.setText("Computing the energy report for " + selected.label().toLowerCase(Locale.ROOT) + "…");
        next.thenAccept(c -> {
            try {
                ui.access(() -> show(c));
            } catch (UIDetachedException e) {
                // The viewer left before the report was ready.
            }
        });
    }

    private void show(EnergyComparison comparison) {
        if (comparison.range() != selected || shown != null && shown.range() == selected
                && comparison.end().isBefore(shown.end())) {
            // Loaded before the viewer picked another range (the pick loads its own), or older than what is shown.
            return;
        }
        shown = comparison;
        problem.setText(comparison.problem().orElse(""));
        problem.setVisible(comparison.problem().isPresent());
        csv.setEnabled(comparison.problem().isEmpty());
        caption.setText(comparison.range().label() + ": " + Formats.time(Optional.of(comparison.start()), zone)
                + " to " + Formats.time(Optional.of(comparison.end()), zone) + ". "
                + Formats.count(comparison.rows().size(), "site") + " with an energy configuration.");
        // The exact range, so a reader (or a test) can ask /api/v1/energy for the same figures.
        caption.getElement().setAttribute("data-start", comparison.start().toString());
        caption.getElement().setAttribute("data-end", comparison.end().toString());
        grid.setItems(comparison.rows());
    }

    private void kpiColumn(String id, String header) {
        Function<EnergyComparison.Row, Kpi> kpi = r -> r.report().total().kpi(id).orElseThrow();
        grid.addColumn(r -> EnergyFormats.kpi(kpi.apply(r))).setKey(id).setHeader(header)
                .setComparator(Comparator.comparingDouble(r -> EnergyFormats.orMin(kpi.apply(r).value())))
                .setTooltipGenerator(r -> EnergyFormats.kpiTooltip(kpi.apply(r)));
    }

    private void figureColumn(String id, String header) {
        Function<EnergyComparison.Row, Optional<Figure>> figure = r -> r.report().total().figure(id);
        grid.addColumn(r -> figure.apply(r).map(EnergyFormats::figure).orElse(Formats.NONE)).setKey(id)
                .setHeader(header)
                .setComparator(Comparator.comparingDouble(r -> EnergyFormats.orMin(
                        figure.apply(r).map(Figure::value).orElse(OptionalDouble.empty()))))
                .setTooltipGenerator(r -> figure.apply(r).map(EnergyFormats::figureTooltip).orElse(""));
    }
}
