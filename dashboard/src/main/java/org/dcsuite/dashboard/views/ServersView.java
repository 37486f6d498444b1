package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
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
import org.dcsuite.dashboard.data.DeviceHealthService;
import org.dcsuite.dashboard.data.ServerService;
import org.dcsuite.dashboard.data.ServerStatus;
import org.dcsuite.dashboard.data.ServersOverview;
import org.dcsuite.dashboard.data.SiteService;

/**
 * One site's servers (kind {@code server}) from their Redfish readings: rack, inventory, power, hottest sensor,
 * fans, health and power state. Every column sorts and the search field matches any column's text; a figure the BMC
 * does not report reads "—" with a tooltip saying which reading is missing. Refreshed by push; the URL
 * ({@code /sites/lyon/servers}) can be bookmarked.
 */
@Route(value = "sites/:siteId/servers", layout = MainLayout.class)
@PageTitle("Servers · dcsuite")
@PermitAll
public final class ServersView extends VerticalLayout implements BeforeEnterObserver {

    static final String NOT_REPORTED = "Not reported by this server: ";
    /** Where the inventory columns come from. */
    static final String INVENTORY = "hw.server.info, read by the Redfish driver from the system and its BMC: ";

    private final SiteService sites;
    private final ServerService servers;
    private final H2 title = new H2();
    private final Grid<ServerStatus> grid = new Grid<>(ServerStatus.class, false);
    private final List<ServerStatus> rows = new ArrayList<>();
    private final ListDataProvider<ServerStatus> provider = new ListDataProvider<>(rows);
    private final TextField search = new TextField();
    private final List<Function<ServerStatus, String>> columnTexts = new ArrayList<>();
    private volatile String siteId;

    public ServersView() {
        DashboardContext context = DashboardContext.current();
        this.sites = context.sites();
        this.servers = context.servers();
        setSizeFull();
        SearchFields.configure(search, "server-search", "Search any column", this::applyFilter);
        search.setWidth("24rem");

        grid.setId("servers-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        text("server", "Server", ServerStatus::deviceName);
        text("rack", "Rack", s -> s.rackId().orElse(s.roomName().isEmpty() ? "site" : "room " + s.roomName()));
        text("model", "Model", s -> s.model().orElse(Formats.NONE))
                .setTooltipGenerator(s -> inventoryTooltip(s.model(), "Manufacturer and Model"));
        text("serial", "Serial", s -> s.serial().orElse(Formats.NONE))
                .setTooltipGenerator(s -> inventoryTooltip(s.serial(), "SerialNumber"));
        text("firmware", "BMC firmware", s -> s.firmware().orElse(Formats.NONE))
                .setTooltipGenerator(s -> inventoryTooltip(s.firmware(), "the manager's FirmwareVersion"));
        text("bios", "BIOS", s -> s.bios().orElse(Formats.NONE))
                .setTooltipGenerator(s -> inventoryTooltip(s.bios(), "BiosVersion"));
        number("power", "Power", ServerStatus::powerWatts, Formats::watts)
                .setTooltipGenerator(s -> (s.powerWatts().isEmpty() ? NOT_REPORTED : "")
                        + "hw.host.power, the chassis total (PowerConsumedWatts or EnvironmentMetrics PowerWatts)");
        number("hottest", "Hottest", ServerStatus::hottestC, Formats::celsius)
                .setTooltipGenerator(s -> s.hottestSensor().map(n -> "Hottest hw.temperature: " + n)
                        .orElse(NOT_REPORTED + "hw.temperature"));
        number("slowest-fan", "Slowest fan", ServerStatus::slowestFanRpm, Formats::rpm)
                .setTooltipGenerator(s -> s.fans() == 0 ? NOT_REPORTED + "hw.fan.speed"
                        : "Lowest hw.fan.speed of " + Formats.count(s.fans(), "fan"));
        text("failed-fans", "Failed fans", s -> s.failedFans().isEmpty() ? Formats.NONE
                : Formats.count(s.failedFans().getAsInt(), "fan"))
                .setComparator(Comparator.comparingInt(s -> s.failedFans().orElse(-1)))
                .setTooltipGenerator(s -> s.failedFans().isEmpty() ? NOT_REPORTED + "hw.status of its fans"
                        : "Fans whose hw.status is failed");
        text("health", "Health", s -> s.health().orElse(Formats.NONE))
                .setTooltipGenerator(s -> s.health().isEmpty() ? NOT_REPORTED + "hw.status{hw.type=\"system\"}"
                        : "Worst hw.state of the systems' hw.status (Redfish Status.Health)");
        text("power-state", "Power state", s -> s.poweredOn().map(on -> on ? "On" : "Off").orElse(Formats.NONE))
                .setTooltipGenerator(s -> s.poweredOn().isEmpty() ? NOT_REPORTED + "hw.power_state"
                        : "hw.power_state of its systems: On when every system is on");
        grid.addComponentColumn(s -> ExploreView.chartLink("hw.temperature{device=\"" + s.deviceId() + "\"}",
                ChartRange.HOUR_1)).setKey("chart").setHeader("Temperatures").setAutoWidth(true);
        // Whole names, serial numbers and versions over a horizontal scroll rather than cut figures.
        grid.getColumns().forEach(c -> c.setAutoWidth(true));
        grid.setPartNameGenerator(s -> s.health().filter(h -> !"ok".equals(h)).map(h -> "hot-spot").orElse(null));
        grid.setDataProvider(provider);
        grid.setSizeFull();
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::load, this::show);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        siteId = event.getRouteParameters().get(SiteView.SITE_PARAMETER).orElse("");
        removeAll();
        Optional<ServersOverview> overview = servers.site(siteId);
        if (overview.isEmpty()) {
            add(new NotFound("site", siteId, sites.siteIds()));
            return;
        }
        Paragraph footnote = new Paragraph("Redfish readings (docs/metrics.md); readings older than "
                + DeviceHealthService.LOOKBACK.toMinutes() + " min are not used; — means the server does not report "
                + "it (the tooltip says which reading).");
        footnote.setId("servers-footnote");
        footnote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(title, new RouterLink("Back to the site", SiteView.class,
                new RouteParameters(SiteView.params(siteId))), search, grid, footnote);
        show(overview);
    }

    /** The grid, for tests. */
    Grid<ServerStatus> grid() {
        return grid;
    }

    /** The search field, for tests. */
    TextField search() {
        return search;
    }

    private Optional<ServersOverview> load() {
        String id = siteId;
        return id == null ? Optional.empty() : servers.site(id);
    }

    private void show(Optional<ServersOverview> loaded) {
        loaded.ifPresent(o -> {
            title.setText("Servers · " + o.siteName() + " (" + o.siteId() + ")");
            rows.clear();
            rows.addAll(o.servers());
            provider.refreshAll();
        });
    }

    private Grid.Column<ServerStatus> text(String key, String header, Function<ServerStatus, String> text) {
        columnTexts.add(text);
        return grid.addColumn(text::apply).setKey(key).setHeader(header).setSortable(true)
                .setComparator(Comparator.comparing(text::apply)).setResizable(true);
    }

    private Grid.Column<ServerStatus> number(String key, String header, Function<ServerStatus, OptionalDouble> value,
            Function<OptionalDouble, String> format) {
        return text(key, header, s -> format.apply(value.apply(s)))
                .setComparator(Comparator.comparingDouble(s -> value.apply(s).orElse(Double.NEGATIVE_INFINITY)));
    }

    private void applyFilter() {
        String query = search.getValue().trim().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            provider.clearFilters();
        } else {
            provider.setFilter(s -> columnTexts.stream()
                    .anyMatch(text -> text.apply(s).toLowerCase(Locale.ROOT).contains(query)));
        }
    }

    private static String inventoryTooltip(Optional<String> value, String property) {
        return (value.isEmpty() ? NOT_REPORTED : "") + INVENTORY + property;
    }
}
