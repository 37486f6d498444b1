package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.SloBoardService;
import org.dcsuite.dashboard.data.SloRow;
import org.junit.jupiter.api.Test;

/** The SLO list shows the newest slo.* series the store holds, with units, colours by threshold, search and sort. */
class SloListViewTest extends KaribuTestBase {

    @Override
    SloBoardService slos() {
        store.append(SloFixture.evaluation(T));
        return SloBoardService.of(SloFixture.definitions(dir), TestFleet.config().sites(), store, clock);
    }

    private SloListView open(String location) {
        loginAs(Role.VIEWER);
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
        expectView(SloListView.class);
        return _get(SloListView.class);
    }

    private static int row(SloListView view, String name) {
        List<SloRow> rows = view.grid().getGenericDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row " + name);
    }

    @Test
    void figuresAreTheStoredSeriesWithUnits() {
        SloListView view = open("slos");
        var grid = view.grid();
        assertThat(_size(grid)).isEqualTo(4);
        int r = row(view, "checkout-latency");
        assertThat(_getFormatted(grid, r, "service")).isEqualTo("checkout");
        assertThat(_getFormatted(grid, r, "objective")).isEqualTo("99 %");
        assertThat(_getFormatted(grid, r, "window")).isEqualTo("30d");
        assertThat(_getFormatted(grid, r, "method")).isEqualTo("Occurrences");
        // slo.sli = 0.9993 as written.
        assertThat(_getFormatted(grid, r, "sli")).isEqualTo("99.930 %");
        assertThat(text(_getCellComponent(grid, r, "budget"))).contains("72 % left");
        assertThat(_getFormatted(grid, row(view, "lyon-inlet"), "objective")).isEqualTo("99.9 %");
        assertThat(_getFormatted(grid, row(view, "oslo-power"), "objective")).isEqualTo("99.99 %");
        assertThat(_getFormatted(grid, row(view, "oslo-power"), "sli")).isEqualTo("99.995 %");
        assertThat(_getFormatted(grid, row(view, "checkout-overall"), "method")).isEqualTo("Composite (weighted)");
        Span evaluated = _get(Span.class, s -> s.withId("slo-evaluated"));
        assertThat(evaluated.getElement().getAttribute("data-evaluated")).isEqualTo(T.toString());
        assertThat(evaluated.getText()).isEqualTo("Newest evaluation: 2026-11-24 10:00:00 Z");
    }

    @Test
    void budgetBarColoursFollowTheThresholdsAndOverspendingIsSaid() {
        SloListView view = open("slos");
        var grid = view.grid();
        assertThat(band(_getCellComponent(grid, row(view, "checkout-latency"), "budget"))).isEqualTo("healthy");
        assertThat(band(_getCellComponent(grid, row(view, "oslo-power"), "budget"))).isEqualTo("low");
        assertThat(band(_getCellComponent(grid, row(view, "checkout-overall"), "budget"))).isEqualTo("critical");
        Component overspent = _getCellComponent(grid, row(view, "lyon-inlet"), "budget");
        assertThat(band(overspent)).isEqualTo("overspent");
        assertThat(text(overspent)).contains("overspent by 35 %");
    }

    @Test
    void burnBadgesAreColouredAgainstTheAlertPolicy() {
        SloListView view = open("slos");
        Map<String, String> badges = badges(_getCellComponent(view.grid(), row(view, "checkout-latency"), "burn"));
        // 15 over 1h is above the page threshold 14.4 (30d window, unscaled); 2 over 6h above 1; 0.5 over 1d not.
        assertThat(badges).containsEntry("1h 15.0 x", "page").containsEntry("6h 2.00 x", "elevated")
                .containsEntry("1d 0.50 x", "normal").containsEntry("3d 0.80 x", "normal");
        Map<String, String> lyon = badges(_getCellComponent(view.grid(), row(view, "lyon-inlet"), "burn"));
        // 3.5 over 1d is above the ticket threshold 3: amber, not red.
        assertThat(lyon).containsEntry("1d 3.50 x", "elevated").containsEntry("1h 0.90 x", "normal");
    }

    @Test
    void firingTiersShowAsBadges() {
        SloListView view = open("slos");
        assertThat(badges(_getCellComponent(view.grid(), row(view, "checkout-latency"), "alerts")))
                .containsOnlyKeys("page");
        assertThat(badges(_getCellComponent(view.grid(), row(view, "lyon-inlet"), "alerts")))
                .containsOnlyKeys("ticket");
        assertThat(text(_getCellComponent(view.grid(), row(view, "oslo-power"), "alerts"))).isEqualTo("none");
    }

    @Test
    void aStaleEvaluationShowsNoFigures() {
        clock.set(T.plus(SloBoardService.LOOKBACK).plusSeconds(1));
        SloListView view = open("slos");
        int r = row(view, "checkout-latency");
        assertThat(_getFormatted(view.grid(), r, "sli")).isEqualTo("—");
        assertThat(band(_getCellComponent(view.grid(), r, "budget"))).isEqualTo("unknown");
    }

    @Test
    void searchSortAndSiteFilter() {
        SloListView view = open("slos");
        view.search().setValue("checkout");
        assertThat(_size(view.grid())).isEqualTo(2);
        view.search().setValue("");
        _sortByKey(view.grid(), "budget", SortDirection.ASCENDING);
        assertThat(_getFormatted(view.grid(), 0, "name")).contains("lyon-inlet");
        _sortByKey(view.grid(), "sli", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "name")).contains("oslo-power");

        // lyon-inlet's service is the site id; oslo-power's SLI pins site="oslo".
        SloListView lyon = open("slos?site=lyon");
        assertThat(lyon.grid().getGenericDataView().getItems().map(SloRow::name).toList())
                .containsExactly("lyon-inlet");
        SloListView oslo = open("slos?site=oslo");
        assertThat(oslo.grid().getGenericDataView().getItems().map(SloRow::name).toList())
                .containsExactly("oslo-power");
    }

    @Test
    void rowsLinkToTheSloPage() {
        SloListView view = open("slos");
        RouterLink link = (RouterLink) _getCellComponent(view.grid(), row(view, "lyon-inlet"), "name");
        assertThat(link.getHref()).isEqualTo("slos/lyon-inlet");
    }

    @Test
    void theFleetCountsFiringTiersOfEachSitesSlos() {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate("fleet");
        expectView(FleetView.class);
        FleetView fleet = _get(FleetView.class);
        // lyon-inlet (service lyon) fires its ticket tier; oslo-power (site="oslo") fires nothing.
        RouterLink lyon = (RouterLink) _getCellComponent(fleet.grid(), 0, "alerts");
        RouterLink oslo = (RouterLink) _getCellComponent(fleet.grid(), 1, "alerts");
        assertThat(lyon.getText()).isEqualTo("1");
        assertThat(oslo.getText()).isEqualTo("0");
        assertThat(lyon.getHref()).isEqualTo("slos?site=lyon");
        var item = fleet.grid().getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(fleet.grid().getColumnByKey("alerts").getTooltipGenerator().apply(item))
                .contains("SLO burn-rate alerts", "1 SLO of this site", "alerting module");
    }

    @Test
    void anEvaluationAfterOpeningIsPushed() throws InterruptedException {
        SloListView view = open("slos");
        store.append(List.of(Sample.of(SeriesKey.of("slo.sli",
                "slo", "oslo-power", "service", "power"), T.plusSeconds(60), 0.5)));
        clock.set(T.plusSeconds(65));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MockVaadin.runUIQueue();
            if (_getFormatted(view.grid(), row(view, "oslo-power"), "sli").equals("50.000 %")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the new slo.sli was not pushed: "
                + _getFormatted(view.grid(), row(view, "oslo-power"), "sli"));
    }

    static String band(Component c) {
        return c.getElement().getAttribute("data-band");
    }

    static String text(Component c) {
        return c.getElement().getTextRecursively();
    }

    /** Badge text to its data-band. */
    static Map<String, String> badges(Component c) {
        return _find(c, Span.class).stream().filter(s -> s.getElement().hasAttribute("data-band"))
                .collect(Collectors.toMap(Span::getText, SloListViewTest::band));
    }
}
