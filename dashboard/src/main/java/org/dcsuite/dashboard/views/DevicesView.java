package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.DeviceHealth;
import org.dcsuite.dashboard.data.DeviceHealthService;

/**
 * Every configured device with what the collectors last said about it: up or down, the last successful poll (in the
 * viewer's time zone), how long polls take and which errors occur. Sortable by every column; the search field matches
 * any column's text. Refreshed by push.
 */
@Route(value = "devices", layout = MainLayout.class)
@PageTitle("Devices · dcsuite")
@PermitAll
public final class DevicesView extends VerticalLayout {

    private final Grid<DeviceHealth> grid = new Grid<>(DeviceHealth.class, false);
    private final List<DeviceHealth> rows = new ArrayList<>();
    private final ListDataProvider<DeviceHealth> provider = new ListDataProvider<>(rows);
    private final TextField search = new TextField();
    private final List<Function<DeviceHealth, String>> columnTexts = new ArrayList<>();

    public DevicesView() {
        DashboardContext context = DashboardContext.current();
        DeviceHealthService devices = context.devices();
        setSizeFull();
        SearchFields.configure(search, "device-search", "Search any column", this::applyFilter);
        search.setWidth("24rem");

        grid.setId("devices-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        column("device", "Device", DeviceHealth::deviceId);
        column("name", "Name", DeviceHealth::deviceName);
        column("site", "Site", DeviceHealth::siteId);
        column("rack", "Rack", d -> d.rack().orElse(d.room().map(r -> "room " + r).orElse("site")));
        column("kind", "Kind", DeviceHealth::kind);
        column("protocol", "Protocol", DeviceHealth::protocol);
        column("status", "Status", DevicesView::status);
        column("last-success", "Last successful poll", d -> Formats.time(d.lastSuccess(), ViewerZone.get()))
                .setComparator(Comparator.comparing(d -> d.lastSuccess().orElse(Instant.MIN)));
        column("poll-duration", "Poll duration", d -> Formats.seconds(d.pollSeconds()))
                .setComparator(Comparator.comparingDouble(d -> d.pollSeconds().orElse(-1)));
        column("errors", "Errors by kind", DevicesView::errors)
                .setComparator(Comparator.comparingLong(DeviceHealth::errorTotal));
        grid.setDataProvider(provider);
        grid.setSizeFull();
        add(new H2("Devices"), search, grid);

        show(devices.devices());
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), devices::devices, this::show);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerZone.detect(event.getUI(), provider::refreshAll);
    }

    /** The grid, for tests. */
    Grid<DeviceHealth> grid() {
        return grid;
    }

    /** The search field, for tests. */
    TextField search() {
        return search;
    }

    private Grid.Column<DeviceHealth> column(String key, String header, Function<DeviceHealth, String> text) {
        columnTexts.add(text);
        return grid.addColumn(text::apply).setKey(key).setHeader(header).setSortable(true)
                .setComparator(Comparator.comparing(text::apply)).setResizable(true);
    }

    private void show(List<DeviceHealth> latest) {
        rows.clear();
        rows.addAll(latest);
        provider.refreshAll();
    }

    private void applyFilter() {
        String query = search.getValue().trim().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            provider.clearFilters();
        } else {
            provider.setFilter(d -> columnTexts.stream()
                    .anyMatch(text -> text.apply(d).toLowerCase(Locale.ROOT).contains(query)));
        }
    }

    static String status(DeviceHealth d) {
        return switch (d.status()) {
            case UP -> "Up";
            case DOWN -> "Down";
            case NO_DATA -> "No data";
        };
    }

    static String errors(DeviceHealth d) {
        if (d.errorsByKind().isEmpty()) {
            return "0 errors";
        }
        return d.errorsByKind().entrySet().stream()
                .map(e -> e.getKey() + ": " + Formats.count(e.getValue(), "error"))
                .collect(Collectors.joining(", "));
    }
}
