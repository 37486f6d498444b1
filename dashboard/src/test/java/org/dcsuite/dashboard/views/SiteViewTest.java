package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.data.provider.SortDirection;
import java.time.Instant;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.RackStatus;
import org.junit.jupiter.api.Test;

/** The Site view shows each rack's stored power against its budget and inlet against the envelope. */
class SiteViewTest extends KaribuTestBase {

    private SiteView open(String location) {
        loginAs(Role.VIEWER);
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
        expectView(SiteView.class);
        return _get(SiteView.class);
    }

    @Test
    void rackPowerBudgetAndInletComeFromTheStoreWithUnits() {
        SiteView view = open("sites/lyon");
        var grid = view.grid();
        assertThat(_size(grid)).isEqualTo(1);
        assertThat(_getFormatted(grid, 0, "room")).isEqualTo("Server room");
        assertThat(_getFormatted(grid, 0, "power")).isEqualTo("3.2 kW");
        assertThat(_getFormatted(grid, 0, "budget")).isEqualTo("4.0 kW");
        assertThat(_getFormatted(grid, 0, "budget-percent")).isEqualTo("80 %");
        assertThat(_getFormatted(grid, 0, "inlet")).isEqualTo("29.0 °C");
        RackStatus r01 = grid.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(grid.getColumnByKey("power").getTooltipGenerator().apply(r01))
                .contains("PDU inlet totals", "both feeds", "2 readings");
        assertThat(_get(Paragraph.class, s -> s.withId("site-footnote")).getText())
                .contains("18–27 °C (ASHRAE recommended, the default");
    }

    @Test
    void aRackAboveTheEnvelopeIsAHotSpot() {
        SiteView view = open("sites/lyon");
        RackStatus r01 = view.grid().getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(_getFormatted(view.grid(), 0, "hot-spot")).isEqualTo("Hot spot: inlet above 27 °C");
        assertThat(view.grid().getPartNameGenerator().apply(r01)).isEqualTo("hot-spot");
        assertThat(view.grid().getColumnByKey("inlet").getPartNameGenerator().apply(r01)).isEqualTo("inlet-above");
    }

    @Test
    void aSitesConfiguredEnvelopeDecidesItsHotSpots() {
        // Oslo configures 18–25 °C: 26 °C is within ASHRAE's recommended range but above Oslo's.
        Instant later = T.plusSeconds(30);
        store.append(List.of(TestFleet.sample("hw.temperature", "oslo", "oslo-srv-1", later, 26.0,
                "hw.id", "Chassis/1/Sensors/InletTemp", "hw.name", "Inlet Temperature", "hw.type", "temperature")));
        clock.set(later.plusSeconds(1));
        SiteView view = open("sites/oslo");
        assertThat(_getFormatted(view.grid(), 0, "hot-spot")).isEqualTo("Hot spot: inlet above 25 °C");
        assertThat(_get(Paragraph.class, s -> s.withId("site-footnote")).getText())
                .contains("18–25 °C (configured for this site");
    }

    @Test
    void aRackAboveNinetyPercentOfItsBudgetIsAHotSpot() {
        SiteView cool = open("sites/oslo");
        assertThat(_getFormatted(cool.grid(), 0, "budget-percent")).isEqualTo("44 %");
        assertThat(_getFormatted(cool.grid(), 0, "hot-spot")).isEmpty();

        // 4600 W of a 5000 W budget is 92 %; the next build (the snapshot is 5 s old at most) shows it.
        Instant later = T.plusSeconds(30);
        store.append(List.of(TestFleet.sample("hw.power", "oslo", "oslo-pdu-a", later, 4600, "hw.id", "inlet-1")));
        clock.set(later.plusSeconds(1));
        SiteView hot = open("sites/oslo");
        assertThat(_getFormatted(hot.grid(), 0, "budget-percent")).isEqualTo("92 %");
        assertThat(_getFormatted(hot.grid(), 0, "hot-spot")).isEqualTo("Hot spot: power above 90 % of budget");
    }

    @Test
    void racksSortAndFilter() {
        SiteView view = open("sites/lyon");
        _sortByKey(view.grid(), "power", SortDirection.DESCENDING);
        assertThat(_size(view.grid())).isEqualTo(1);
        view.search().setValue("inlet above");
        assertThat(_size(view.grid())).isEqualTo(1);
        view.search().setValue("no such rack");
        assertThat(_size(view.grid())).isZero();
    }

    @Test
    void theChartShowsSitePowerAndItsRangeComesFromTheUrl() {
        SiteView view = open("sites/lyon?range=7d");
        ChartData data = view.chart().chart().data().orElseThrow();
        assertThat(data.range()).isEqualTo(ChartRange.DAYS_7);
        assertThat(data.unit()).isEqualTo("kW");
        assertThat(data.series()).extracting(ChartData.Series::name).containsExactly("IT power");
        assertThat(data.series().getFirst().values().getLast()).isEqualTo(3.2);

        view.chart().range().setValue(ChartRange.MINUTES_15);
        ChartData shorter = view.chart().chart().data().orElseThrow();
        assertThat(shorter.range()).isEqualTo(ChartRange.MINUTES_15);
        assertThat(shorter.source()).isEqualTo(ChartData.Source.RAW);
        assertThat(view.chart().chart().getElement().getProperty("data")).startsWith("{\"unit\":\"kW\"");
    }

    @Test
    void aRefreshTickAppendsTheNewSampleToTheChart() throws InterruptedException {
        SiteView view = open("sites/lyon?range=15m");
        ChartData before = view.chart().chart().data().orElseThrow();
        assertThat(before.series().getFirst().values().getLast()).isEqualTo(3.2);
        Instant later = T.plusSeconds(10);
        store.append(List.of(TestFleet.sample("hw.power", "lyon", "lyon-pdu-a", later, 1800, "hw.id", "inlet-1"),
                TestFleet.sample("hw.power", "lyon", "lyon-pdu-b", later, 1700, "hw.id", "inlet-1")));
        clock.set(later.plusSeconds(5));
        ChartData after = ExploreViewTest.awaitChart(view.chart().chart(),
                d -> d.timesMillis().getLast() == later.toEpochMilli());
        assertThat(after.series().getFirst().values().getLast()).isEqualTo(3.5);
        assertThat(after.series().getFirst().values().get(after.timesMillis().size() - 2)).isEqualTo(3.2);
    }

    @Test
    void theSiteLinksToItsCoolingAndServersViews() {
        open("sites/lyon");
        assertThat(_get(RouterLink.class, s -> s.withId("cooling-link")).getHref()).isEqualTo("sites/lyon/cooling");
        assertThat(_get(RouterLink.class, s -> s.withId("servers-link")).getHref()).isEqualTo("sites/lyon/servers");
    }

    @Test
    void anUnknownSiteShowsNotFound() {
        open("sites/nowhere");
        assertThat(_get(Paragraph.class, s -> s.withId("not-found-message")).getText())
                .isEqualTo("No site 'nowhere' is configured. Configured: lyon, oslo.");
    }
}
