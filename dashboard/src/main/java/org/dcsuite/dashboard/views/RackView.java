package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartService;
import org.dcsuite.dashboard.data.OutletReading;
import org.dcsuite.dashboard.data.PduStatus;
import org.dcsuite.dashboard.data.PhaseReading;
import org.dcsuite.dashboard.data.RackDetail;
import org.dcsuite.dashboard.data.RackService;
import org.dcsuite.dashboard.data.RedundancyCheck;

/**
 * One rack and its PDUs: per-phase current against the rating (warning from 80 %), phase imbalance, outlets, the A/B
 * redundancy check with each PDU's configured voltage convention, and the rack's power per feed over time.
 * Refreshed by push; the URL ({@code /sites/lyon/racks/r01?range=24h}) can be bookmarked.
 */
@Route(value = "sites/:siteId/racks/:rackId", layout = MainLayout.class)
@PageTitle("Rack · dcsuite")
@PermitAll
public final class RackView extends VerticalLayout implements BeforeEnterObserver {

    static final String RACK_PARAMETER = "rackId";

    private final RackService racks;
    private final ChartService charts;
    private final H2 title = new H2();
    private final Paragraph summary = new Paragraph();
    private final Span verdict = new Span();
    private final Paragraph reason = new Paragraph();
    private final Paragraph convention = new Paragraph();
    private final Div pdus = new Div();
    private final RangeChart chart;
    private volatile String siteId;
    private volatile String rackId;

    public RackView() {
        DashboardContext context = DashboardContext.current();
        this.racks = context.racks();
        this.charts = context.charts();
        setSizeFull();
        summary.setId("rack-summary");
        verdict.setId("redundancy-verdict");
        reason.setId("redundancy-reason");
        convention.setId("redundancy-convention");
        convention.getStyle().set("font-size", "var(--lumo-font-size-s)");
        pdus.setId("pdus");
        pdus.setWidthFull();
        chart = new RangeChart("rack-power-chart", "Rack power per feed", this::reloadChart);
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    /** The route parameters of a rack, for links. */
    static Map<String, String> params(String siteId, String rackId) {
        return Map.of(SiteView.SITE_PARAMETER, siteId, RACK_PARAMETER, rackId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        siteId = event.getRouteParameters().get(SiteView.SITE_PARAMETER).orElse("");
        rackId = event.getRouteParameters().get(RACK_PARAMETER).orElse("");
        removeAll();
        Optional<RackDetail> detail = racks.rack(siteId, rackId);
        if (detail.isEmpty()) {
            List<String> known = racks.rackIds(siteId);
            add(known.isEmpty() ? new NotFound("site", siteId, List.of()) : new NotFound("rack", rackId, known));
            return;
        }
        chart.fromUrl(event.getLocation().getPath(), event.getLocation().getQueryParameters());
        RouterLink back = new RouterLink("Back to the site", SiteView.class,
                new RouteParameters(SiteView.SITE_PARAMETER, siteId));
        add(back, title, summary, new H3("A/B redundancy"), verdict, reason, convention, pdus, chart);
        show(new Loaded(siteId + "/" + rackId, detail, charts.rackPowerByFeed(siteId, rackId, chart.selected())));
    }

    /** The chart with its range picker, for tests. */
    RangeChart chart() {
        return chart;
    }

    private Loaded load() {
        String site = siteId;
        String rack = rackId;
        return site == null ? new Loaded("", Optional.empty(), Optional.empty())
                : new Loaded(site + "/" + rack, racks.rack(site, rack), charts.next(chart.selected(), chart.shown())
                        .flatMap(window -> charts.rackPowerByFeed(site, rack, window)));
    }

    private void show(Loaded loaded) {
        if (!loaded.rack().equals(siteId + "/" + rackId)) {
            // Loaded for the rack shown before a navigation to another one.
            return;
        }
        loaded.detail().ifPresent(this::showDetail);
        loaded.chart().ifPresent(chart::show);
    }

    private void showDetail(RackDetail d) {
        title.setText("Rack " + d.status().rackName() + " · " + d.siteName() + " / " + d.status().roomName());
        summary.setText("Power " + Formats.kilowattsOfWatts(d.status().powerWatts()) + " (" + SiteView.POWER_TOOLTIP
                + ") of budget " + Formats.kilowattsOfWatts(d.status().budgetWatts()) + " ("
                + Formats.percent(d.status().budgetPercent()) + "); worst inlet "
                + Formats.celsius(d.status().worstInletC()) + " against " + d.status().envelope().text() + "."
                + (d.status().hotSpot() ? " Hot spot: " + d.status().hotSpotReasons() + "." : ""));
        RedundancyCheck.Result r = d.redundancy();
        verdict.setText(switch (r.verdict()) {
            case OK -> "OK: either feed can carry the whole rack";
            case AT_RISK -> "At risk: one feed cannot carry the whole rack";
            case UNKNOWN -> "Unknown";
        });
        verdict.getElement().getThemeList().clear();
        verdict.getElement().getThemeList().add(switch (r.verdict()) {
            case OK -> "badge success";
            case AT_RISK -> "badge error";
            case UNKNOWN -> "badge contrast";
        });
        reason.setText("Rule: load A + load B <= " + Math.round(RedundancyCheck.DERATING * 100)
                + " % of one feed's rating. " + capitalise(r.reason()) + "."
                + (d.feedRatingWatts().isPresent() ? " One feed's rating: "
                        + Formats.kilowattsOfWatts(d.feedRatingWatts()) + "." : ""));
        convention.setText(d.convention());
        pdus.removeAll();
        for (PduStatus p : d.pdus()) {
            pdus.add(pduSection(p));
        }
    }

    private static Div pduSection(PduStatus p) {
        Div section = new Div();
        section.setId("pdu-" + p.deviceId());
        section.add(new H3(p.name() + " · feed " + p.feed().map(Enum::name).orElse("not configured") + " · "
                + Formats.kilowattsOfWatts(p.powerWatts())));
        Paragraph phaseNote = new Paragraph("Phase imbalance " + Formats.percent(p.imbalancePercent())
                + " (largest deviation from the mean phase current, over the mean). Rating: " + p.rating().source()
                + (p.rating().ratedAmps().isEmpty() ? "; currents are shown without a percentage." : "."));
        phaseNote.setId("pdu-" + p.deviceId() + "-phase-note");
        Grid<PhaseReading> phases = new Grid<>(PhaseReading.class, false);
        phases.setId("pdu-" + p.deviceId() + "-phases");
        phases.addThemeVariants(GridVariant.LUMO_COMPACT);
        phases.addColumn(PhaseReading::phase).setKey("phase").setHeader("Phase").setSortable(true);
        phases.addColumn(ph -> Formats.amperes(OptionalDouble.of(ph.currentAmps()))).setKey("current")
                .setHeader("Current").setComparator(Comparator.comparingDouble(PhaseReading::currentAmps));
        phases.addColumn(ph -> Formats.amperes(ph.ratedAmps())).setKey("rating").setHeader("Rating");
        phases.addColumn(ph -> Formats.percent(ph.percentOfRating())
                        + (ph.warning() ? " (at or above " + Math.round(PhaseReading.WARN_PERCENT) + " %)" : ""))
                .setKey("percent").setHeader("Of rating")
                .setComparator(Comparator.comparingDouble(ph -> ph.percentOfRating().orElse(-1)));
        phases.setPartNameGenerator(ph -> ph.warning() ? "phase-warning" : null);
        phases.setItems(p.phases());
        phases.setAllRowsVisible(true);
        section.add(phaseNote, phases);
        if (!p.outlets().isEmpty()) {
            section.add(outlets(p));
        }
        return section;
    }

    private static Div outlets(PduStatus p) {
        Grid<OutletReading> grid = new Grid<>(OutletReading.class, false);
        grid.setId("pdu-" + p.deviceId() + "-outlets");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(OutletReading::outlet).setKey("outlet").setHeader("Outlet")
                .setComparator(Comparator.comparing((OutletReading o) -> o.outlet().length())
                        .thenComparing(OutletReading::outlet));
        grid.addColumn(OutletReading::name).setKey("name").setHeader("Name").setSortable(true);
        grid.addColumn(o -> Formats.watts(o.powerWatts())).setKey("power").setHeader("Power")
                .setComparator(Comparator.comparingDouble(o -> o.powerWatts().orElse(-1)));
        grid.addColumn(o -> Formats.amperes(o.currentAmps())).setKey("current").setHeader("Current")
                .setComparator(Comparator.comparingDouble(o -> o.currentAmps().orElse(-1)));
        grid.addColumn(RackView::state).setKey("state").setHeader("State").setSortable(true);
        grid.setItems(p.outlets());
        grid.setAllRowsVisible(true);
        TextField filter = new TextField();
        filter.setId("pdu-" + p.deviceId() + "-outlet-filter");
        filter.setPlaceholder("Filter outlets");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> {
            String q = e.getValue().trim().toLowerCase(Locale.ROOT);
            grid.getListDataView().setFilter(o -> q.isEmpty() || (o.outlet() + " " + o.name() + " " + state(o))
                    .toLowerCase(Locale.ROOT).contains(q));
        });
        return new Div(filter, grid);
    }

    static String state(OutletReading o) {
        return o.on().map(on -> on ? "On" : "Off").orElse(Formats.NONE);
    }

    private void reloadChart() {
        charts.rackPowerByFeed(siteId, rackId, chart.selected()).ifPresent(chart::show);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private record Loaded(String rack, Optional<RackDetail> detail, Optional<ChartData> chart) {
    }
}
