package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.SegmentLatency;
import org.dcsuite.dashboard.data.SloBoardService;
import org.junit.jupiter.api.Test;

/** One SLO's page: header figures, charts and segments equal the stored series; unknown names are not found. */
class SloViewTest extends KaribuTestBase {

    @Override
    SloBoardService slos() {
        List<Sample> samples = new ArrayList<>(SloFixture.evaluation(T));
        // Two earlier evaluations, so the charts have a history.
        samples.add(Sample.of(sli("checkout-latency"), T.minusSeconds(120), 0.9991));
        samples.add(Sample.of(sli("checkout-latency"), T.minusSeconds(60), 0.9992));
        samples.addAll(SloFixture.segments(T));
        store.append(samples);
        return SloBoardService.of(SloFixture.definitions(dir), TestFleet.config().sites(), store, clock);
    }

    private static SeriesKey sli(String name) {
        return SeriesKey.of("slo.sli", "slo", name, "service", "checkout");
    }

    private SloView open(String location) {
        loginAs(Role.ONCALL);
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
        expectView(SloView.class);
        return _get(SloView.class);
    }

    @Test
    void headerShowsDefinitionAndStoredFigures() {
        open("slos/checkout-latency");
        assertThat(_get(Paragraph.class, s -> s.withId("slo-facts")).getText())
                .contains("Objective 99 % over 30d, Occurrences", "SLI now 99.930 %", "(evaluated 2026-11-24 10:00:00");
        assertThat(_get(Paragraph.class, s -> s.withId("slo-description")).getText())
                .contains("Checkout pages answer fast.", "requests within 250 ms", "slos/test.yaml:3");
        assertThat(SloListViewTest.text(_get(Div.class, s -> s.withId("slo-budget")))).contains("72 % left");
        assertThat(SloListViewTest.badges(_get(Div.class, s -> s.withId("slo-alerts")))).containsOnlyKeys("page");
        assertThat(SloListViewTest.badges(_get(Div.class, s -> s.withId("slo-burn"))))
                .containsEntry("1h 15.0 x", "page");
    }

    @Test
    void chartsDrawTheStoredSeriesOverTheRangeFromTheUrl() {
        SloView view = open("slos/checkout-latency?range=6h");
        List<RangeChart> charts = view.charts();
        ChartData sli = charts.get(0).chart().data().orElseThrow();
        assertThat(sli.range()).isEqualTo(ChartRange.fromId("6h").orElseThrow());
        assertThat(sli.unit()).isEqualTo("%");
        assertThat(sli.step()).isEqualTo(Duration.ofMinutes(1));
        List<Double> line = sli.series().getFirst().values().stream().filter(v -> !v.isNaN()).toList();
        assertThat(sli.series().getFirst().name()).isEqualTo("SLI");
        assertThat(line).hasSize(3);
        assertThat(line.get(0)).isCloseTo(99.91, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(line.get(2)).isCloseTo(99.93, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sli.series().get(1).name()).isEqualTo("Objective");

        ChartData budget = charts.get(1).chart().data().orElseThrow();
        assertThat(budget.unit()).isEqualTo("% of budget");
        assertThat(budget.series().getFirst().values().stream().filter(v -> !v.isNaN()).toList())
                .singleElement().satisfies(v -> assertThat(v).isCloseTo(72.0, org.assertj.core.data.Offset.offset(1e-9)));

        ChartData burn = charts.get(2).chart().data().orElseThrow();
        assertThat(burn.unit()).isEqualTo("x");
        assertThat(burn.series()).extracting(ChartData.Series::name).containsExactly("1h", "6h", "1d", "3d");
        assertThat(burn.series().getFirst().values().stream().filter(v -> !v.isNaN()).toList()).containsExactly(15.0);
    }

    @Test
    void pickingARangeOnOneChartPicksItOnAll() {
        SloView view = open("slos/checkout-latency");
        view.charts().get(2).range().setValue(ChartRange.fromId("7d").orElseThrow());
        for (RangeChart chart : view.charts()) {
            assertThat(chart.selected().id()).isEqualTo("7d");
            assertThat(chart.chart().data().orElseThrow().range().id()).isEqualTo("7d");
        }
    }

    @Test
    void segmentsShowTheirQuantilesAgainstTheirTargets() {
        SloView view = open("slos/checkout-latency");
        var grid = view.segments();
        // Targets first in the order written (dns, connect, storage), then measured ones without a target.
        assertThat(grid.getGenericDataView().getItems().map(SegmentLatency::segment).toList())
                .containsExactly("dns", "connect", "storage", "auth");
        assertThat(_size(grid)).isEqualTo(4);
        // dns: the slower route /pay, p99 25 ms over its 20 ms target.
        assertThat(_getFormatted(grid, 0, "p95")).isEqualTo("15.0 ms");
        assertThat(_getFormatted(grid, 0, "p99")).isEqualTo("25.0 ms");
        assertThat(_getFormatted(grid, 0, "target")).isEqualTo("20 ms");
        assertThat(_getFormatted(grid, 0, "verdict")).isEqualTo("over target");
        SegmentLatency dns = grid.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(grid.getColumnByKey("p99").getPartNameGenerator().apply(dns)).isEqualTo("over-target");
        assertThat(grid.getColumnByKey("p95").getPartNameGenerator().apply(dns)).isNull();
        assertThat(grid.getColumnByKey("p99").getTooltipGenerator().apply(dns)).isEqualTo("Slowest route: /pay");
        assertThat(_getFormatted(grid, 1, "p95")).isEqualTo("—");
        assertThat(_getFormatted(grid, 2, "p99")).isEqualTo("95.0 ms");
        assertThat(_getFormatted(grid, 2, "verdict")).isEqualTo("within target");
        assertThat(_getFormatted(grid, 3, "target")).isEqualTo("no target");
        assertThat(_getFormatted(grid, 3, "p99")).isEqualTo("45.0 ms");
    }

    @Test
    void aCompositeListsItsComponentsWithLinks() {
        SloView view = open("slos/checkout-overall");
        assertThat(_size(view.components())).isEqualTo(1);
        RouterLink link = (RouterLink) _getCellComponent(view.components(), 0, "name");
        assertThat(link.getHref()).isEqualTo("slos/checkout-latency");
        assertThat(_getFormatted(view.components(), 0, "sli")).isEqualTo("99.930 %");
    }

    @Test
    void anUnknownSloIsNotFoundWithTheKnownNames() {
        open("slos/nope");
        assertThat(_get(Paragraph.class, s -> s.withId("not-found-message")).getText())
                .isEqualTo("No SLO 'nope' is configured. Configured: checkout-latency, lyon-inlet, oslo-power, "
                        + "checkout-overall.");
    }
}
