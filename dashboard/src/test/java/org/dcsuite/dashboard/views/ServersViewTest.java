package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.dashboard.data.StepAggregation;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.ServerStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Servers view shows each server's stored Redfish readings, sortable and searchable. */
class ServersViewTest extends KaribuTestBase {

    /**
     * Beside {@link TestFleet#samples}: lyon-srv-1 draws 412 W (hw.host.power) and reports its inventory
     * (hw.server.info), fans at 5400 and
     * 6000 rpm both ok, system ok and on; lyon-srv-2 has one failed fan at 3000 rpm, a degraded system, powered off.
     */
    @BeforeEach
    void storeRedfishSamples() {
        store.append(List.of(
                TestFleet.sample("hw.host.power", "lyon", "lyon-srv-1", T, 412, "hw.id", "Chassis/1/Power",
                        "hw.type", "enclosure"),
                TestFleet.sample("hw.server.info", "lyon", "lyon-srv-1", T, 1, "hw.id", "Systems/1", "hw.type",
                        "system", "manufacturer", "Dell Inc.", "model", "PowerEdge R760", "serial_number", "7XK2Q93",
                        "bios_version", "2.1.5", "firmware_version", "7.10.30.00"),
                fan("lyon-srv-1", "Fan1", 5400), fan("lyon-srv-1", "Fan2", 6000),
                fanStatus("lyon-srv-1", "Fan1", "ok", 1), fanStatus("lyon-srv-1", "Fan1", "failed", 0),
                fanStatus("lyon-srv-1", "Fan2", "ok", 1), fanStatus("lyon-srv-1", "Fan2", "failed", 0),
                system("hw.status", "lyon-srv-1", 1, "hw.state", "ok"),
                system("hw.status", "lyon-srv-1", 0, "hw.state", "degraded"),
                system("hw.power_state", "lyon-srv-1", 1),
                fan("lyon-srv-2", "Fan1", 3000), fanStatus("lyon-srv-2", "Fan1", "failed", 1),
                fanStatus("lyon-srv-2", "Fan1", "ok", 0),
                system("hw.status", "lyon-srv-2", 0, "hw.state", "ok"),
                system("hw.status", "lyon-srv-2", 1, "hw.state", "degraded"),
                system("hw.power_state", "lyon-srv-2", 0)));
    }

    private ServersView open(String location) {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate(location);
        expectView(ServersView.class);
        return _get(ServersView.class);
    }

    @Test
    void serverFiguresComeFromTheStoreWithUnits() {
        var grid = open("sites/lyon/servers").grid();
        assertThat(_size(grid)).isEqualTo(2);
        assertThat(_getFormatted(grid, 0, "server")).isEqualTo("lyon-srv-1");
        assertThat(_getFormatted(grid, 0, "rack")).isEqualTo("r01");
        assertThat(_getFormatted(grid, 0, "model")).isEqualTo("Dell Inc. PowerEdge R760");
        assertThat(_getFormatted(grid, 0, "serial")).isEqualTo("7XK2Q93");
        assertThat(_getFormatted(grid, 0, "firmware")).isEqualTo("7.10.30.00");
        assertThat(_getFormatted(grid, 0, "bios")).isEqualTo("2.1.5");
        assertThat(_getFormatted(grid, 0, "power")).isEqualTo("412 W");
        assertThat(_getFormatted(grid, 0, "hottest")).isEqualTo("24.5 °C");
        assertThat(_getFormatted(grid, 0, "slowest-fan")).isEqualTo("5400 rpm");
        assertThat(_getFormatted(grid, 0, "failed-fans")).isEqualTo("0 fans");
        assertThat(_getFormatted(grid, 0, "health")).isEqualTo("ok");
        assertThat(_getFormatted(grid, 0, "power-state")).isEqualTo("On");
        assertThat(_getFormatted(grid, 1, "hottest")).isEqualTo("70.0 °C");
        assertThat(_getFormatted(grid, 1, "slowest-fan")).isEqualTo("3000 rpm");
        assertThat(_getFormatted(grid, 1, "failed-fans")).isEqualTo("1 fan");
        assertThat(_getFormatted(grid, 1, "health")).isEqualTo("degraded");
        assertThat(_getFormatted(grid, 1, "power-state")).isEqualTo("Off");
        ServerStatus srv2 = grid.getGenericDataView().getItems().toList().get(1);
        assertThat(grid.getColumnByKey("hottest").getTooltipGenerator().apply(srv2)).contains("CPU Temperature");
    }

    @Test
    void whatAServerDoesNotReportIsADashWithATooltip() {
        var grid = open("sites/lyon/servers").grid();
        ServerStatus srv2 = grid.getGenericDataView().getItems().toList().get(1);
        assertThat(_getFormatted(grid, 1, "power")).isEqualTo("—");
        assertThat(grid.getColumnByKey("power").getTooltipGenerator().apply(srv2))
                .startsWith("Not reported by this server: hw.host.power");
        assertThat(_getFormatted(grid, 1, "model")).isEqualTo("—");
        assertThat(_getFormatted(grid, 1, "serial")).isEqualTo("—");
        assertThat(grid.getColumnByKey("firmware").getTooltipGenerator().apply(srv2))
                .startsWith("Not reported by this server: hw.server.info");

        var oslo = open("sites/oslo/servers").grid();
        for (String key : new String[] {"power", "slowest-fan", "failed-fans", "health", "power-state"}) {
            assertThat(_getFormatted(oslo, 0, key)).as(key).isEqualTo("—");
        }
        assertThat(_getFormatted(oslo, 0, "hottest")).isEqualTo("17.0 °C");
    }

    @Test
    void serversSortAndSearch() {
        ServersView view = open("sites/lyon/servers");
        _sortByKey(view.grid(), "hottest", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "server")).isEqualTo("lyon-srv-2");
        _sortByKey(view.grid(), "power", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "server")).isEqualTo("lyon-srv-1");
        view.search().setValue("degraded");
        assertThat(_size(view.grid())).isEqualTo(1);
        assertThat(_getFormatted(view.grid(), 0, "server")).isEqualTo("lyon-srv-2");
        view.search().setValue("r760");
        assertThat(_getFormatted(view.grid(), 0, "server")).isEqualTo("lyon-srv-1");
        view.search().setValue("");
        assertThat(_size(view.grid())).isEqualTo(2);
    }

    @Test
    void eachServerLinksToItsTemperaturesInExplore() {
        var grid = open("sites/lyon/servers").grid();
        RouterLink link = (RouterLink) _getCellComponent(grid, 0, "chart");
        assertThat(link.getHref()).startsWith("explore?");
        ExploreQuery query = ExploreQuery.from(link.getQueryParameters().orElseThrow());
        assertThat(query).isEqualTo(new ExploreQuery("hw.temperature{device=\"lyon-srv-1\"}",
                ChartRange.HOUR_1, StepAggregation.AVG));
    }

    @Test
    void anUnknownSiteShowsNotFound() {
        open("sites/nowhere/servers");
        assertThat(_get(Paragraph.class, s -> s.withId("not-found-message")).getText())
                .isEqualTo("No site 'nowhere' is configured. Configured: lyon, oslo.");
    }

    private static Sample fan(String device, String id, double rpm) {
        return TestFleet.sample("hw.fan.speed", "lyon", device, T, rpm, "hw.id", "Chassis/1/Thermal/Fans/" + id,
                "hw.type", "fan");
    }

    private static Sample fanStatus(String device, String id, String state, double v) {
        return TestFleet.sample("hw.status", "lyon", device, T, v, "hw.id", "Chassis/1/Thermal/Fans/" + id,
                "hw.type", "fan", "hw.state", state);
    }

    private static Sample system(String metric, String device, double v, String... attrs) {
        String[] all = new String[attrs.length + 4];
        all[0] = "hw.id";
        all[1] = "Systems/1";
        all[2] = "hw.type";
        all[3] = "system";
        System.arraycopy(attrs, 0, all, 4, attrs.length);
        return TestFleet.sample(metric, "lyon", device, T, v, all);
    }
}
