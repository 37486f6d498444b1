package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.RouterLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.dashboard.data.SiteSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Fleet view shows what the DuckDB store holds, with units, honest gaps, sorting and live updates. */
class FleetViewTest extends KaribuTestBase {

    /** How Karibu prints the site column's link. */
    private static final String LYON_LINK = "RouterLink[text='Lyon edge (lyon)']";
    private static final String OSLO_LINK = "RouterLink[text='Oslo edge (oslo)']";

    private FleetView view;

    @BeforeEach
    void open() {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate("fleet");
        expectView(FleetView.class);
        view = _get(FleetView.class);
    }

    @Test
    void eachSiteShowsItsSumsFromTheStoreWithUnits() {
        var grid = view.grid();
        assertThat(_size(grid)).isEqualTo(2);
        assertThat(_getFormatted(grid, 0, "site")).isEqualTo(LYON_LINK);
        assertThat(_getFormatted(grid, 0, "it")).isEqualTo("3.2 kW");
        assertThat(_getFormatted(grid, 0, "facility")).isEqualTo("4.0 kW");
        assertThat(_getFormatted(grid, 0, "inlet")).isEqualTo("29.0 °C");
        assertThat(_getFormatted(grid, 0, "devices")).isEqualTo("4 up / 1 down / 0 no data");
        assertThat(_getFormatted(grid, 1, "site")).isEqualTo(OSLO_LINK);
        assertThat(_getFormatted(grid, 1, "it")).isEqualTo("2.2 kW");
        assertThat(_getFormatted(grid, 1, "facility")).isEqualTo("—");
        assertThat(_getFormatted(grid, 1, "inlet")).isEqualTo("17.0 °C");
        assertThat(_getFormatted(grid, 1, "devices")).isEqualTo("1 up / 0 down / 1 no data");
    }

    @Test
    void inletsAreJudgedAgainstEachSitesEnvelopeAndAlertsAreUnavailableNotZero() {
        List<SiteSummary> items = view.grid().getGenericDataView().getItems().toList();
        assertThat(items.get(0).inletBand()).isEqualTo(SiteSummary.InletBand.ABOVE);
        assertThat(items.get(0).worstInletDevice()).hasValue("lyon-srv-2");
        assertThat(items.get(1).inletBand()).isEqualTo(SiteSummary.InletBand.BELOW);
        assertThat(view.grid().getColumnByKey("inlet").getTooltipGenerator().apply(items.get(0)))
                .isEqualTo("Hottest server inlet: lyon-srv-2; envelope 18–27 °C (ASHRAE recommended, the default)");
        assertThat(view.grid().getColumnByKey("inlet").getTooltipGenerator().apply(items.get(1)))
                .endsWith("envelope 18–25 °C (configured for this site)");
        assertThat(_getFormatted(view.grid(), 0, "alerts")).isEqualTo("Span[text='—']");
        assertThat(view.grid().getColumnByKey("alerts").getTooltipGenerator().apply(items.get(0)))
                .isEqualTo(FleetView.ALERTS_UNAVAILABLE);
        assertThat(view.grid().getColumnByKey("it").getTooltipGenerator().apply(items.get(0)))
                .isEqualTo("Sum of 2 PDU inlet readings");
        assertThat(_get(Paragraph.class, s -> s.withId("fleet-footnote")).getText())
                .contains("PDUs' inlet totals", "facility meters' totals", "18–27 °C");
    }

    @Test
    @SuppressWarnings("unchecked")
    void siteNamesLinkToTheSiteView() {
        var renderer = (ComponentRenderer<RouterLink, SiteSummary>) view.grid().getColumnByKey("site").getRenderer();
        SiteSummary oslo = view.grid().getGenericDataView().getItems().toList().get(1);
        assertThat(renderer.createComponent(oslo).getHref()).isEqualTo("sites/oslo");
    }

    @Test
    void sortsByPower() {
        _sortByKey(view.grid(), "it", SortDirection.ASCENDING);
        assertThat(_getFormatted(view.grid(), 0, "site")).isEqualTo(OSLO_LINK);
        _sortByKey(view.grid(), "it", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "site")).isEqualTo(LYON_LINK);
    }

    @Test
    void newSamplesArriveByPushWithoutReload() throws InterruptedException {
        Instant later = T.plusSeconds(30);
        store.append(List.of(new Sample(SeriesKey.of("hw.power", "site", "oslo", "device", "oslo-pdu-a",
                "hw.id", "inlet-1"), later.toEpochMilli(), 2600)));
        clock.set(later.plusSeconds(1));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!"2.6 kW".equals(_getFormatted(view.grid(), 1, "it")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            MockVaadin.runUIQueue();
        }
        assertThat(_getFormatted(view.grid(), 1, "it")).isEqualTo("2.6 kW");
    }
}
