package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
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
import org.dcsuite.dashboard.data.ChartService;
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.RackStatus;
import org.dcsuite.dashboard.data.SiteOverview;
import org.dcsuite.dashboard.data.SiteService;

/**
 * One site's rooms and racks: each rack's power against its budget and its hottest inlet against the envelope,
 * hot spots highlighted, and the site's IT power over time. Refreshed by push; the URL ({@code /sites/lyon?range=7d})
 * can be bookmarked.
 */
@Route(value = "sites/:siteId", layout = MainLayout.class)
@PageTitle("Site · dcsuite")
@PermitAll
public final class SiteView extends VerticalLayout implements BeforeEnterObserver {

    static final String SITE_PARAMETER = "siteId";
    static final String POWER_TOOLTIP = "Sum of the rack's PDU inlet totals (hw.power without phase or outlet), "
            + "both feeds A and B";

    private final SiteService sites;
    private final ChartService charts;
    private final H2 title = new H2();
    private final Paragraph footnote = new Paragraph();
    private final Grid<RackStatus> grid = new Grid<>(RackStatus.class, false);
    private final List<RackStatus> rows = new ArrayList<>();
    private final ListDataProvider<RackStatus> provider = new ListDataProvider<>(rows);
    private final TextField search = new TextField();
    private final RangeChart chart;
    private volatile String siteId;

    public SiteView() {
        DashboardContext context = DashboardContext.current();
        this.sites = context.sites();
        this.charts = context.charts();
        setSizeFull();
        chart = new RangeChart("site-power-chart", "Site IT power", this::reloadChart);
        SearchFields.configure(search, "rack-search", "Filter racks", this::applyFilter);

        grid.setId("racks-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(RackStatus::roomName).setKey("room").setHeader("Room").setSortable(true);
        grid.addComponentColumn(r -> new RouterLink(r.rackName(), RackView.class,
                        new RouteParameters(RackView.params(siteId, r.rackId()))))
                .setKey("rack").setHeader("Rack").setSortable(true).setComparator(Comparator.comparing(RackStatus::rackName));
        grid.addColumn(r -> Formats.kilowattsOfWatts(r.powerWatts())).setKey("power").setHeader("Power")
                .setComparator(Comparator.comparingDouble(r -> orMin(r.powerWatts())))
                .setTooltipGenerator(r -> POWER_TOOLTIP + ": " + Formats.count(r.powerSources(), "reading"));
        grid.addColumn(r -> Formats.kilowattsOfWatts(r.budgetWatts())).setKey("budget").setHeader("Budget")
                .setComparator(Comparator.comparingDouble(r -> orMin(r.budgetWatts())))
                .setTooltipGenerator(r -> r.budgetWatts().isEmpty() ? "No power_budget_w configured for this rack"
                        : "power_budget_w of the rack's configuration");
        grid.addColumn(r -> Formats.percent(r.budgetPercent())).setKey("budget-percent").setHeader("Of budget")
                .setComparator(Comparator.comparingDouble(r -> orMin(r.budgetPercent())));
        grid.addColumn(r -> Formats.celsius(r.worstInletC())).setKey("inlet").setHeader("Worst inlet")
                .setComparator(Comparator.comparingDouble(r -> orMin(r.worstInletC())))
                .setPartNameGenerator(r -> "inlet-" + r.inletBand().name().toLowerCase(Locale.ROOT))
                .setTooltipGenerator(r -> r.worstInletDevice().map(d -> "Hottest inlet: " + d + "; ").orElse("")
                        + "envelope " + r.envelope().text() + " (" + r.envelope().basis() + ")");
        grid.addColumn(r -> r.hotSpot() ? "Hot spot: " + r.hotSpotReasons() : "").setKey("hot-spot")
                .setHeader("Hot spot").setSortable(true).setComparator(Comparator.comparing(RackStatus::hotSpot));
        grid.setPartNameGenerator(r -> r.hotSpot() ? "hot-spot" : null);
        grid.getColumns().forEach(c -> c.setResizable(true));
        grid.setDataProvider(provider);
        grid.setAllRowsVisible(true);

        footnote.setId("site-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        siteId = event.getRouteParameters().get(SITE_PARAMETER).orElse("");
        removeAll();
        Optional<SiteOverview> overview = sites.site(siteId);
        if (overview.isEmpty()) {
            add(new NotFound("site", siteId, sites.siteIds()));
            return;
        }
        chart.fromUrl(event.getLocation().getPath(), event.getLocation().getQueryParameters());
        footnote.setText("Power: " + POWER_TOOLTIP + ". Worst inlet: the hottest hw.temperature whose hw.id mentions "
                + "inlet, against the site's inlet envelope " + overview.get().envelope().text() + " ("
                + overview.get().envelope().basis() + "; inlet_envelope in the site's configuration). Hot spot: inlet "
                + "above the envelope or power above "
                + Math.round(RackStatus.HOT_SPOT_BUDGET_PERCENT) + " % of the budget. Readings older than "
                + DeviceHealthService.LOOKBACK.toMinutes() + " min are not counted.");
        RouterLink coolingLink = new RouterLink("Cooling", CoolingView.class, new RouteParameters(params(siteId)));
        coolingLink.setId("cooling-link");
        RouterLink serversLink = new RouterLink("Servers", ServersView.class, new RouteParameters(params(siteId)));
        serversLink.setId("servers-link");
        add(title, new HorizontalLayout(coolingLink, serversLink), search, grid, footnote, chart);
        show(new Loaded(siteId, overview, charts.sitePower(siteId, chart.selected())));
    }

    /** The route parameters of a site's views (this one, Cooling, Servers). */
    static Map<String, String> params(String siteId) {
        return Map.of(SITE_PARAMETER, siteId);
    }

    /** The grid, for tests. */
    Grid<RackStatus> grid() {
        return grid;
    }

    /** The search field, for tests. */
    TextField search() {
        return search;
    }

    /** The chart with its range picker, for tests. */
    RangeChart chart() {
        return chart;
    }

    private Loaded load() {
        String id = siteId;
        return id == null ? new Loaded("", Optional.empty(), Optional.empty())
                : new Loaded(id, sites.site(id), charts.next(chart.selected(), chart.shown())
                        .flatMap(window -> charts.sitePower(id, window)));
    }

    private void show(Loaded loaded) {
        if (!loaded.site().equals(siteId)) {
            // Loaded for the site shown before a navigation to another one.
            return;
        }
        loaded.overview().ifPresent(o -> {
            title.setText(o.siteName() + " (" + o.siteId() + ")");
            rows.clear();
            rows.addAll(o.racks());
            provider.refreshAll();
        });
        loaded.chart().ifPresent(chart::show);
    }

    private void reloadChart() {
        charts.sitePower(siteId, chart.selected()).ifPresent(chart::show);
    }

    private void applyFilter() {
        String query = search.getValue().trim().toLowerCase(Locale.ROOT);
        provider.setFilter(query.isEmpty() ? null : r -> (r.roomName() + " " + r.rackName() + " " + r.rackId() + " "
                + r.hotSpotReasons()).toLowerCase(Locale.ROOT).contains(query));
    }

    private static double orMin(OptionalDouble d) {
        return d.orElse(Double.NEGATIVE_INFINITY);
    }

    private record Loaded(String site, Optional<SiteOverview> overview, Optional<ChartData> chart) {
    }
}
