package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.SloBoardService;
import org.dcsuite.dashboard.data.SloRow;

/**
 * Every SLO on one screen: objective and window from its definition, SLI, error budget, burn rates and alerts from
 * the {@code slo.*} series the server's SLO evaluation writes each minute. {@code /slos?site=edge-lyon} shows the SLOs
 * of one site (the Fleet view links there). Refreshed by push.
 */
@Route(value = "slos", layout = MainLayout.class)
@PageTitle("SLOs · dcsuite")
@PermitAll
public final class SloListView extends VerticalLayout implements BeforeEnterObserver {

    /** The query parameter naming the site whose SLOs are shown. */
    static final String SITE_PARAMETER = "site";
    static final String FOOTNOTE = "SLI, budget, burn rates and alerts are the newest slo.* series written by the "
            + "server's SLO evaluation (every minute); a figure older than " + SloBoardService.LOOKBACK.toMinutes()
            + " min shows as —. Budget bar: green from 50 % left, amber from 20 %, red below 20 % and when overspent. "
            + "Burn rate (1 x spends the budget exactly over the SLO's window): red above a threshold of the alert "
            + "policy's first tier (page) on that window, amber above another tier's threshold or above 1 x; the "
            + "thresholds, scaled to the SLO's window, are in each badge's tooltip.";

    private final SloBoardService slos;
    private final Grid<SloRow> grid = new Grid<>(SloRow.class, false);
    private final List<SloRow> rows = new ArrayList<>();
    private final ListDataProvider<SloRow> provider = new ListDataProvider<>(rows);
    private final TextField search = new TextField();
    private final Span siteFilter = new Span();
    private final Span evaluated = new Span();
    private final RouterLink allSlos = new RouterLink("Show all SLOs", SloListView.class);
    private volatile String site = "";

    public SloListView() {
        DashboardContext context = DashboardContext.current();
        this.slos = context.slos();
        setSizeFull();
        SearchFields.configure(search, "slo-search", "Filter SLOs", this::applyFilter);

        grid.setId("slos-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addComponentColumn(r -> new RouterLink(r.name(), SloView.class, new RouteParameters(SloView.params(r.name()))))
                .setKey("name").setHeader("SLO").setSortable(true).setComparator(Comparator.comparing(SloRow::name))
                .setAutoWidth(true);
        grid.addColumn(SloRow::service).setKey("service").setHeader("Service").setSortable(true);
        grid.addColumn(r -> SloFormats.objective(r.objective())).setKey("objective").setHeader("Objective")
                .setComparator(Comparator.comparingDouble(SloRow::objective));
        // Calendar windows ("1 calendar month (Europe/Paris)") and methods must read whole: sized to their content.
        grid.addColumn(SloRow::window).setKey("window").setHeader("Window").setSortable(true).setAutoWidth(true);
        grid.addColumn(SloRow::method).setKey("method").setHeader("Budgeting").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> SloFormats.sli(r.sli())).setKey("sli").setHeader("SLI")
                .setComparator(Comparator.comparingDouble(r -> r.sli().orElse(Double.NEGATIVE_INFINITY)))
                .setTooltipGenerator(r -> r.sli().isEmpty() ? "No slo.sli in the last "
                        + SloBoardService.LOOKBACK.toMinutes() + " min: the engine had no data"
                        : "slo.sli evaluated at " + Formats.time(r.evaluatedAt(), ViewerZone.get()));
        grid.addComponentColumn(SloFormats::budgetBar).setKey("budget").setHeader("Error budget")
                .setComparator(Comparator.comparingDouble(r -> r.budgetRemaining().orElse(Double.NEGATIVE_INFINITY)))
                .setAutoWidth(true);
        grid.addComponentColumn(SloFormats::burnBadges).setKey("burn").setHeader("Burn rate")
                .setComparator(Comparator.comparingDouble(r -> r.burnRates().getOrDefault("1h", 0.0)))
                .setAutoWidth(true);
        grid.addComponentColumn(SloFormats::alertBadges).setKey("alerts").setHeader("Alerts firing")
                .setComparator(Comparator.comparingInt(r -> r.firing().size()));
        grid.getColumns().forEach(c -> c.setResizable(true));
        grid.setPartNameGenerator(r -> r.firing().isEmpty() ? null : "slo-firing");
        grid.setDataProvider(provider);
        grid.setAllRowsVisible(true);

        siteFilter.setId("slo-site-filter");
        evaluated.setId("slo-evaluated");
        evaluated.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        allSlos.setId("slo-all-link");
        Paragraph footnote = new Paragraph(FOOTNOTE);
        footnote.setId("slo-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        if (slos.configured()) {
            add(new H2("SLOs"), new HorizontalLayout(search, siteFilter, allSlos), evaluated, grid, footnote);
        } else {
            Paragraph none = new Paragraph("No SLOs are configured. Add them in slos/*.yaml next to dcsuite.yaml "
                    + "(OpenSLO v1 or the native form, see docs/slo.md) and restart dcsuite run.");
            none.setId("slo-none");
            add(new H2("SLOs"), none);
        }
        show(slos.board());
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), slos::board, this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        site = event.getLocation().getQueryParameters().getParameters().getOrDefault(SITE_PARAMETER, List.of())
                .stream().findFirst().orElse("");
        siteFilter.setText(site.isEmpty() ? "" : "SLOs of site " + site);
        siteFilter.setVisible(!site.isEmpty());
        allSlos.setVisible(!site.isEmpty());
        applyFilter();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerZone.detect(event.getUI(), provider::refreshAll);
    }

    /** The query parameters of the link to one site's SLOs. */
    static QueryParameters siteQuery(String siteId) {
        return QueryParameters.simple(Map.of(SITE_PARAMETER, siteId));
    }

    /** The grid, for tests. */
    Grid<SloRow> grid() {
        return grid;
    }

    /** The search field, for tests. */
    TextField search() {
        return search;
    }

    private void show(List<SloRow> board) {
        rows.clear();
        rows.addAll(board);
        provider.refreshAll();
        // The newest evaluation shown, also as an instant in data-evaluated, so /api/v1/slos?at= can be asked for it.
        Optional<Instant> newest = board.stream().flatMap(r -> r.evaluatedAt().stream()).max(Comparator.naturalOrder());
        evaluated.setText(newest.map(t -> "Newest evaluation: " + Formats.time(newest, ViewerZone.get()))
                .orElse("No SLO evaluation in the last " + SloBoardService.LOOKBACK.toMinutes() + " min"));
        evaluated.getElement().setAttribute("data-evaluated", newest.map(Instant::toString).orElse(""));
    }

    private void applyFilter() {
        String query = search.getValue().trim().toLowerCase(Locale.ROOT);
        String siteId = site;
        provider.setFilter(r -> (siteId.isEmpty() || r.sites().contains(siteId)) && (query.isEmpty()
                || text(r).toLowerCase(Locale.ROOT).contains(query)));
    }

    /** What the search matches: every column's text and the sites the SLO belongs to. */
    private static String text(SloRow r) {
        return String.join(" ", r.name(), r.service(), SloFormats.objective(r.objective()), r.window(), r.method(),
                SloFormats.sli(r.sli()), String.join(" ", r.firing()), String.join(" ", Set.copyOf(r.sites())));
    }
}
