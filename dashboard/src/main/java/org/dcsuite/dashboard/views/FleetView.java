package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.FleetService;
import org.dcsuite.dashboard.data.InletEnvelope;
import org.dcsuite.dashboard.data.SiteSummary;
import org.dcsuite.dashboard.data.SloBoardService;

/**
 * Every site on one screen: IT and facility power, the worst server inlet against the recommended range, device
 * health and alerts. Each figure's tooltip says what it is summed from. Refreshed by push.
 */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = "fleet", layout = MainLayout.class)
@PageTitle("Fleet · dcsuite")
@PermitAll
public final class FleetView extends VerticalLayout {

    /** What the alerts column says without SLOs: unknown is not zero. */
    static final String ALERTS_UNAVAILABLE = "No SLOs are configured (slos/*.yaml), so no SLO burn-rate alerts; device "
            + "and rule alerts arrive with the alerting module";
    static final String FOOTNOTE = "IT power: sum of the PDUs' inlet totals (hw.power of SNMP and Modbus PDUs "
            + "without phase or outlet, both feeds). Facility power: sum of the facility meters' totals. Worst inlet: "
            + "the hottest inlet temperature (hw.temperature whose hw.id mentions inlet), against the site's inlet "
            + "envelope (ASHRAE's recommended " + new InletEnvelope(TemperatureEnvelope.ASHRAE_RECOMMENDED).text()
            + " unless the site configures inlet_envelope). Readings older than "
            + DeviceHealthService.LOOKBACK.toMinutes() + " min are not counted.";

    private final Grid<SiteSummary> grid = new Grid<>(SiteSummary.class, false);
    private final FleetService fleet;
    private final SloBoardService slos;
    /** SLO alert tiers firing per site, as of the last refresh. */
    private Map<String, Integer> alerts = Map.of();

    public FleetView() {
        DashboardContext context = DashboardContext.current();
        this.fleet = context.fleet();
        this.slos = context.slos();
        setSizeFull();
        grid.setId("fleet-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(s -> new RouterLink(siteText(s), SiteView.class,
                        new RouteParameters(SiteView.SITE_PARAMETER, s.siteId())))
                .setKey("site").setHeader("Site").setSortable(true).setComparator(Comparator.comparing(SiteSummary::siteName)).setFlexGrow(2);
        grid.addColumn(s -> Formats.kilowatts(s.itKw())).setKey("it").setHeader("IT power")
                .setComparator(Comparator.comparingDouble(s -> orMin(s.itKw())))
                .setTooltipGenerator(s -> "Sum of " + Formats.count(s.itSources(), "PDU inlet reading"));
        grid.addColumn(s -> Formats.kilowatts(s.facilityKw())).setKey("facility").setHeader("Facility power")
                .setComparator(Comparator.comparingDouble(s -> orMin(s.facilityKw())))
                .setTooltipGenerator(s -> s.facilitySources() == 0 ? "No facility meter reported recently"
                        : "Sum of " + Formats.count(s.facilitySources(), "facility meter reading"));
        grid.addColumn(s -> Formats.celsius(s.worstInletC())).setKey("inlet").setHeader("Worst inlet")
                .setComparator(Comparator.comparingDouble(s -> orMin(s.worstInletC())))
                .setPartNameGenerator(s -> "inlet-" + s.inletBand().name().toLowerCase(Locale.ROOT))
                .setTooltipGenerator(s -> s.worstInletDevice().map(d -> "Hottest server inlet: " + d + "; ").orElse("")
                        + "envelope " + s.envelope().text() + " (" + s.envelope().basis() + ")");
        grid.addColumn(FleetView::devices).setKey("devices").setHeader("Devices")
                .setComparator(Comparator.comparingInt(SiteSummary::devicesDown)
                        .thenComparingInt(SiteSummary::devicesNoData))
                .setTooltipGenerator(s -> "dcsuite.device.up of " + Formats.count(s.devices(), "configured device"))
                // The longest figure ("12 up / 0 down / 0 no data") must fit whole: sized to its content, not shared.
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::alerts).setKey("alerts").setHeader("Active alerts")
                .setComparator(Comparator.comparingInt(s -> alerts.getOrDefault(s.siteId(), -1)))
                .setTooltipGenerator(this::alertsTooltip);
        grid.getColumns().forEach(c -> c.setResizable(true));
        grid.setAllRowsVisible(true);

        Paragraph footnote = new Paragraph(FOOTNOTE);
        footnote.setId("fleet-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(new H2("Fleet"), grid, footnote);

        show(load());
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    private Loaded load() {
        return new Loaded(fleet.summaries(), slos.firingBySite());
    }

    /** The number of SLO alert tiers firing, linking to the site's SLOs; "—" without SLOs (unknown is not 0). */
    private Component alerts(SiteSummary s) {
        if (!slos.configured()) {
            return new Span(Formats.NONE);
        }
        RouterLink link = new RouterLink(String.valueOf(alerts.getOrDefault(s.siteId(), 0)), SloListView.class);
        link.setQueryParameters(SloListView.siteQuery(s.siteId()));
        return link;
    }

    private String alertsTooltip(SiteSummary s) {
        if (!slos.configured()) {
            return ALERTS_UNAVAILABLE;
        }
        return "SLO burn-rate alerts firing (slo.alert.firing) of " + Formats.count(slos.slosOfSite(s.siteId()).size(),
                "SLO") + " of this site (service = site id, or SLI pinned to site=\"" + s.siteId() + "\"); device "
                + "and rule alerts arrive with the alerting module";
    }

    /** The grid, for tests. */
    Grid<SiteSummary> grid() {
        return grid;
    }

    private void show(Loaded loaded) {
        alerts = loaded.alerts();
        grid.setItems(loaded.summaries());
    }

    static String siteText(SiteSummary s) {
        return s.siteName() + " (" + s.siteId() + ")";
    }

    static String devices(SiteSummary s) {
        return s.devicesUp() + " up / " + s.devicesDown() + " down / " + s.devicesNoData() + " no data";
    }

    private static double orMin(OptionalDouble d) {
        return d.orElse(Double.NEGATIVE_INFINITY);
    }

    private record Loaded(List<SiteSummary> summaries, Map<String, Integer> alerts) {
    }
}
