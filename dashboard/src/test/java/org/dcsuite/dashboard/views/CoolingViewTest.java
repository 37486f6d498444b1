package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.provider.SortDirection;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.CoolingUnitStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Cooling view shows each unit's stored generic-crac readings and per-room totals, with units. */
class CoolingViewTest extends KaribuTestBase {

    @Override
    DcsuiteConfig config() {
        return TestFleet.configWithCooling();
    }

    @BeforeEach
    void storeCoolingSamples() {
        store.append(TestFleet.coolingSamples(T));
    }

    private CoolingView open(String location) {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate(location);
        expectView(CoolingView.class);
        return _get(CoolingView.class);
    }

    @Test
    void unitReadingsComeFromTheStoreWithUnits() {
        var units = open("sites/lyon/cooling").units();
        assertThat(_size(units)).isEqualTo(3);
        assertThat(_getFormatted(units, 0, "unit")).isEqualTo("lyon-crac-1");
        assertThat(_getFormatted(units, 0, "room")).isEqualTo("Server room");
        assertThat(_getFormatted(units, 0, "supply")).isEqualTo("18.0 °C");
        assertThat(_getFormatted(units, 0, "supply-setpoint")).isEqualTo("18.0 °C");
        assertThat(_getFormatted(units, 0, "return")).isEqualTo("28.5 °C");
        assertThat(_getFormatted(units, 0, "delta-t")).isEqualTo("10.5 K");
        assertThat(_getFormatted(units, 0, "fan")).isEqualTo("1200 rpm");
        assertThat(_getFormatted(units, 0, "power")).isEqualTo("20.0 kW");
        assertThat(_getFormatted(units, 0, "state")).isEqualTo("Running");
        assertThat(_getFormatted(units, 1, "fan")).isEqualTo("65 %");
        assertThat(_getFormatted(units, 1, "state")).isEqualTo("Running · alarm: fan_failure");
    }

    @Test
    void whatAUnitDoesNotReportIsADashWithATooltip() {
        var units = open("sites/lyon/cooling").units();
        CoolingUnitStatus crac2 = units.getGenericDataView().getItems().toList().get(1);
        assertThat(_getFormatted(units, 1, "supply-setpoint")).isEqualTo("—");
        assertThat(_getFormatted(units, 1, "return-setpoint")).isEqualTo("—");
        assertThat(units.getColumnByKey("supply-setpoint").getTooltipGenerator().apply(crac2))
                .isEqualTo("Not reported by this unit: hw.temperature.setpoint{hw.id=\"supply_air\"}");
        for (String key : new String[] {"supply", "return", "delta-t", "fan", "power", "state"}) {
            assertThat(_getFormatted(units, 2, key)).as(key).isEqualTo("—");
        }
        CoolingUnitStatus crac3 = units.getGenericDataView().getItems().toList().get(2);
        assertThat(units.getColumnByKey("power").getTooltipGenerator().apply(crac3))
                .startsWith("Not reported by this unit");
    }

    @Test
    void roomTotalsAddPowerAndAverageTemperaturesOfReportingUnits() {
        var rooms = open("sites/lyon/cooling").rooms();
        assertThat(_size(rooms)).isEqualTo(2);
        assertThat(_getFormatted(rooms, 0, "room")).isEqualTo("Server room");
        assertThat(_getFormatted(rooms, 0, "units")).isEqualTo("2");
        assertThat(_getFormatted(rooms, 0, "power")).isEqualTo("35.0 kW");
        assertThat(_getFormatted(rooms, 0, "supply")).isEqualTo("18.5 °C");
        assertThat(_getFormatted(rooms, 0, "return")).isEqualTo("27.8 °C");
        assertThat(_getFormatted(rooms, 1, "room")).isEqualTo("Hall B");
        assertThat(_getFormatted(rooms, 1, "power")).isEqualTo("—");
        assertThat(_getFormatted(rooms, 1, "supply")).isEqualTo("—");
    }

    @Test
    void unitsSortAndFilter() {
        CoolingView view = open("sites/lyon/cooling");
        _sortByKey(view.units(), "power", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.units(), 0, "unit")).isEqualTo("lyon-crac-1");
        _sortByKey(view.units(), "delta-t", SortDirection.ASCENDING);
        assertThat(_getFormatted(view.units(), 0, "unit")).isEqualTo("lyon-crac-3");
        view.search().setValue("fan_failure");
        assertThat(_size(view.units())).isEqualTo(1);
        view.search().setValue("hall b");
        assertThat(_getFormatted(view.units(), 0, "unit")).isEqualTo("lyon-crac-3");
    }

    @Test
    void aSiteWithoutCoolingUnitsSaysSo() {
        CoolingView view = open("sites/oslo/cooling");
        assertThat(_size(view.units())).isZero();
        assertThat(_get(Paragraph.class, s -> s.withId("cooling-empty")).getText())
                .isEqualTo("No cooling units (kind cooling) are configured at this site.");
    }

    @Test
    void anUnknownSiteShowsNotFound() {
        open("sites/nowhere/cooling");
        assertThat(_get(Paragraph.class, s -> s.withId("not-found-message")).getText())
                .isEqualTo("No site 'nowhere' is configured. Configured: lyon, oslo.");
    }
}
