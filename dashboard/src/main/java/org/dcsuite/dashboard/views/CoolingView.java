package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
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
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.CoolingOverview;
import org.dcsuite.dashboard.data.CoolingRoom;
import org.dcsuite.dashboard.data.CoolingService;
import org.dcsuite.dashboard.data.CoolingUnitStatus;
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.SiteService;

/**
 * One site's cooling units (kind {@code cooling}): supply and return air against their setpoints, ΔT, fan speed,
 * cooling power and state, and per room the total cooling power and mean temperatures. A figure a unit does not
 * report reads "—" with a tooltip saying which reading is missing. Refreshed by push; the URL
 * ({@code /sites/lyon/cooling}) can be bookmarked.
 */
@Route(value = "sites/:siteId/cooling", layout = MainLayout.class)
@PageTitle("Cooling · dcsuite")
@PermitAll
public final class CoolingView extends VerticalLayout implements BeforeEnterObserver {

    static final String NOT_REPORTED = "Not reported by this unit: ";
    static final String POWER_SOURCE = "hw.power{hw.type=\"cooling\"}";

    private final SiteService sites;
    private final CoolingService cooling;
    private final H2 title = new H2();
    private final Paragraph empty = new Paragraph();
    private final Grid<CoolingUnitStatus> units = new Grid<>(CoolingUnitStatus.class, false);
    private final List<CoolingUnitStatus> rows = new ArrayList<>();
    private final ListDataProvider<CoolingUnitStatus> provider = new ListDataProvider<>(rows);
    private final Grid<CoolingRoom> rooms = new Grid<>(CoolingRoom.class, false);
    private final TextField search = new TextField();
    private volatile String siteId;

    public CoolingView() {
        DashboardContext context = DashboardContext.current();
        this.sites = context.sites();
        this.cooling = context.cooling();
        setSizeFull();
        SearchFields.configure(search, "cooling-search", "Filter units", this::applyFilter);

        units.setId("cooling-units-grid");
        units.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        units.addColumn(CoolingUnitStatus::roomName).setKey("room").setHeader("Room").setSortable(true);
        units.addColumn(CoolingUnitStatus::deviceName).setKey("unit").setHeader("Unit").setSortable(true);
        number(units, "supply", "Supply", CoolingUnitStatus::supplyC, Formats::celsius,
                "hw.temperature{hw.id=\"supply_air\"}");
        number(units, "supply-setpoint", "Supply setpoint", CoolingUnitStatus::supplySetpointC, Formats::celsius,
                "hw.temperature.setpoint{hw.id=\"supply_air\"}");
        number(units, "return", "Return", CoolingUnitStatus::returnC, Formats::celsius,
                "hw.temperature{hw.id=\"return_air\"}");
        number(units, "return-setpoint", "Return setpoint", CoolingUnitStatus::returnSetpointC, Formats::celsius,
                "hw.temperature.setpoint{hw.id=\"return_air\"} (the generic-crac profile reads none)");
        number(units, "delta-t", "ΔT", CoolingUnitStatus::deltaT, Formats::kelvin,
                "return minus supply air, which needs both");
        units.addColumn(CoolingView::fan).setKey("fan").setHeader("Fan")
                .setComparator(Comparator.comparingDouble(u -> u.fanRpm().orElse(u.fanPercent().orElse(-1))))
                .setTooltipGenerator(u -> u.fans() == 0 ? NOT_REPORTED + "hw.fan.speed or hw.fan.speed_ratio"
                        : "Mean of " + Formats.count(u.fans(), "fan") + " ("
                                + (u.fanRpm().isPresent() ? "hw.fan.speed" : "hw.fan.speed_ratio") + ")");
        number(units, "power", "Cooling power", CoolingUnitStatus::coolingWatts, Formats::kilowattsOfWatts,
                POWER_SOURCE);
        units.addColumn(CoolingView::state).setKey("state").setHeader("State").setSortable(true)
                .setTooltipGenerator(u -> u.running().isEmpty() ? NOT_REPORTED + "hw.cooling.running"
                        : "hw.cooling.running; alarms: hw.cooling.alarm flags at 1");
        units.addComponentColumn(u -> ExploreView.chartLink("hw.temperature{device=\"" + u.deviceId() + "\"}",
                ChartRange.HOURS_6)).setKey("chart").setHeader("Supply / return");
        units.setPartNameGenerator(u -> u.alarms().isEmpty() ? null : "hot-spot");
        units.getColumns().forEach(c -> c.setResizable(true));
        units.setDataProvider(provider);
        units.setAllRowsVisible(true);

        rooms.setId("cooling-rooms-grid");
        rooms.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        rooms.addColumn(CoolingRoom::roomName).setKey("room").setHeader("Room").setSortable(true);
        rooms.addColumn(r -> Integer.toString(r.units())).setKey("units").setHeader("Units")
                .setComparator(Comparator.comparingInt(CoolingRoom::units));
        rooms.addColumn(r -> Formats.kilowattsOfWatts(r.coolingWatts())).setKey("power").setHeader("Cooling power")
                .setComparator(Comparator.comparingDouble(r -> r.coolingWatts().orElse(-1)))
                .setTooltipGenerator(r -> "Sum of " + POWER_SOURCE + " of " + r.powerUnits() + " of " + r.units()
                        + " units (units without a reading are left out)");
        rooms.addColumn(r -> Formats.celsius(r.meanSupplyC())).setKey("supply").setHeader("Mean supply")
                .setComparator(Comparator.comparingDouble(r -> r.meanSupplyC().orElse(-1)))
                .setTooltipGenerator(r -> "Mean supply air of " + r.supplyUnits() + " of " + r.units() + " units");
        rooms.addColumn(r -> Formats.celsius(r.meanReturnC())).setKey("return").setHeader("Mean return")
                .setComparator(Comparator.comparingDouble(r -> r.meanReturnC().orElse(-1)))
                .setTooltipGenerator(r -> "Mean return air of " + r.returnUnits() + " of " + r.units() + " units");
        rooms.setAllRowsVisible(true);

        empty.setId("cooling-empty");
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        siteId = event.getRouteParameters().get(SiteView.SITE_PARAMETER).orElse("");
        removeAll();
        Optional<CoolingOverview> overview = cooling.site(siteId);
        if (overview.isEmpty()) {
            add(new NotFound("site", siteId, sites.siteIds()));
            return;
        }
        Paragraph footnote = new Paragraph("Per unit: the generic-crac readings (docs/metrics.md). Per room: cooling "
                + "power added and temperatures averaged over the units that report them. Readings older than "
                + DeviceHealthService.LOOKBACK.toMinutes() + " min are not used; — means the unit does not report it.");
        footnote.setId("cooling-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(title, new RouterLink("Back to the site", SiteView.class, new RouteParameters(SiteView.params(siteId))), empty,
                new H3("Rooms"), rooms, new H3("Units"), search, units, footnote);
        show(overview);
    }

    /** The units grid, for tests. */
    Grid<CoolingUnitStatus> units() {
        return units;
    }

    /** The room totals grid, for tests. */
    Grid<CoolingRoom> rooms() {
        return rooms;
    }

    /** The search field, for tests. */
    TextField search() {
        return search;
    }

    private Optional<CoolingOverview> load() {
        String id = siteId;
        return id == null ? Optional.empty() : cooling.site(id);
    }

    private void show(Optional<CoolingOverview> loaded) {
        loaded.ifPresent(o -> {
            title.setText("Cooling · " + o.siteName() + " (" + o.siteId() + ")");
            empty.setText(o.units().isEmpty() ? "No cooling units (kind cooling) are configured at this site." : "");
            empty.setVisible(o.units().isEmpty());
            rows.clear();
            rows.addAll(o.units());
            provider.refreshAll();
            rooms.setItems(o.rooms());
        });
    }

    private void applyFilter() {
        String query = search.getValue().trim().toLowerCase(Locale.ROOT);
        provider.setFilter(query.isEmpty() ? null : u -> (u.roomName() + " " + u.deviceName() + " " + u.deviceId()
                + " " + state(u)).toLowerCase(Locale.ROOT).contains(query));
    }

    static String fan(CoolingUnitStatus u) {
        return u.fanRpm().isPresent() ? Formats.rpm(u.fanRpm()) : Formats.percent(u.fanPercent());
    }

    /** Running or stopped, and the active alarms; "—" when the unit reports neither. */
    static String state(CoolingUnitStatus u) {
        String running = u.running().map(r -> r ? "Running" : "Stopped").orElse(Formats.NONE);
        return u.alarms().isEmpty() ? running : running + " · alarm: " + String.join(", ", u.alarms());
    }

    private static void number(Grid<CoolingUnitStatus> grid, String key, String header,
            Function<CoolingUnitStatus, OptionalDouble> value, Function<OptionalDouble, String> format,
            String source) {
        grid.addColumn(u -> format.apply(value.apply(u))).setKey(key).setHeader(header)
                .setComparator(Comparator.comparingDouble(u -> value.apply(u).orElse(Double.NEGATIVE_INFINITY)))
                .setTooltipGenerator(u -> value.apply(u).isEmpty() ? NOT_REPORTED + source : source);
    }
}
