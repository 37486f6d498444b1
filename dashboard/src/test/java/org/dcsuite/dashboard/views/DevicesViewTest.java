package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.server.VaadinSession;
import java.time.ZoneId;
import java.util.stream.IntStream;
import org.dcsuite.core.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Devices view lists every configured device with the store's health series, searchable and sortable. */
class DevicesViewTest extends KaribuTestBase {

    private DevicesView view;

    @BeforeEach
    void open() {
        loginAs(Role.ONCALL);
        ViewerZone.remember(VaadinSession.getCurrent(), ZoneId.of("Europe/Paris"));
        UI.getCurrent().navigate("devices");
        expectView(DevicesView.class);
        view = _get(DevicesView.class);
    }

    @Test
    void everyConfiguredDeviceIsListedWithItsHealth() {
        var grid = view.grid();
        assertThat(_size(grid)).isEqualTo(7);
        int down = row("lyon-srv-2");
        assertThat(_getFormatted(grid, down, "site")).isEqualTo("lyon");
        assertThat(_getFormatted(grid, down, "rack")).isEqualTo("r01");
        assertThat(_getFormatted(grid, down, "kind")).isEqualTo("server");
        assertThat(_getFormatted(grid, down, "protocol")).isEqualTo("redfish");
        assertThat(_getFormatted(grid, down, "status")).isEqualTo("Down");
        assertThat(_getFormatted(grid, down, "poll-duration")).isEqualTo("2.500 s");
        assertThat(_getFormatted(grid, down, "errors")).isEqualTo("refused: 1 error, timeout: 3 errors");
        assertThat(_getFormatted(grid, down, "last-success")).isEqualTo("2026-11-24 10:50:00 CET");

        int up = row("lyon-pdu-a");
        assertThat(_getFormatted(grid, up, "status")).isEqualTo("Up");
        assertThat(_getFormatted(grid, up, "poll-duration")).isEqualTo("0.125 s");
        assertThat(_getFormatted(grid, up, "errors")).isEqualTo("0 errors");
        assertThat(_getFormatted(grid, up, "last-success")).isEqualTo("2026-11-24 10:59:58 CET");

        int meter = row("lyon-meter");
        assertThat(_getFormatted(grid, meter, "rack")).isEqualTo("site");

        int silent = row("oslo-srv-1");
        assertThat(_getFormatted(grid, silent, "status")).isEqualTo("No data");
        assertThat(_getFormatted(grid, silent, "last-success")).isEqualTo("—");
        assertThat(_getFormatted(grid, silent, "poll-duration")).isEqualTo("—");
    }

    @Test
    void theSearchFieldFiltersByAnyColumn() {
        view.search().setValue("timeout");
        assertThat(_size(view.grid())).isEqualTo(1);
        assertThat(_getFormatted(view.grid(), 0, "device")).isEqualTo("lyon-srv-2");
        view.search().setValue("OSLO");
        assertThat(_size(view.grid())).isEqualTo(2);
        view.search().setValue("modbus");
        assertThat(_size(view.grid())).isEqualTo(1);
        assertThat(_getFormatted(view.grid(), 0, "device")).isEqualTo("lyon-meter");
        view.search().setValue("no data");
        assertThat(_size(view.grid())).isEqualTo(1);
        view.search().setValue("");
        assertThat(_size(view.grid())).isEqualTo(7);
    }

    @Test
    void sortsByPollDurationAndErrors() {
        _sortByKey(view.grid(), "poll-duration", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "device")).isEqualTo("lyon-srv-2");
        _sortByKey(view.grid(), "errors", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "device")).isEqualTo("lyon-srv-2");
        _sortByKey(view.grid(), "device", SortDirection.ASCENDING);
        assertThat(_getFormatted(view.grid(), 0, "device")).isEqualTo("lyon-meter");
    }

    private int row(String deviceId) {
        return IntStream.range(0, _size(view.grid()))
                .filter(i -> deviceId.equals(_getFormatted(view.grid(), i, "device")))
                .findFirst().orElseThrow();
    }
}
