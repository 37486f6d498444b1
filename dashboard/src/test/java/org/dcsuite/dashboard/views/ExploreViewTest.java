package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.ChartRange;
import org.dcsuite.dashboard.data.ExploreService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Explore view charts any stored series, from a picked metric or a typed selector, with its state in the URL. */
class ExploreViewTest extends KaribuTestBase {

    private static final String FAN = "hw.fan.speed";

    @BeforeEach
    void fans() {
        store.describe(MetricDescriptor.gauge(FAN, Unit.RPM));
        store.append(List.of(fan("lyon-srv-1", T.minusSeconds(10), 5000), fan("lyon-srv-1", T, 5100),
                fan("lyon-srv-2", T, 4000)));
    }

    private ExploreView open(String query) {
        loginAs(Role.VIEWER);
        UI.getCurrent().navigate("explore", QueryParameters.fromString(query));
        expectView(ExploreView.class);
        return _get(ExploreView.class);
    }

    @Test
    void aBookmarkedQueryDrawsTheStoredSeriesWithTheirUnit() {
        ExploreView view = open("q=" + FAN + "%7Bsite%3D%22lyon%22%7D&range=15m&agg=max");
        ChartData data = view.chart().data().orElseThrow();
        assertThat(data.range()).isEqualTo(ChartRange.MINUTES_15);
        assertThat(data.unit()).isEqualTo("rpm");
        assertThat(data.series()).extracting(ChartData.Series::name)
                .containsExactly("device=lyon-srv-1", "device=lyon-srv-2");
        assertThat(data.timesMillis().getLast()).isEqualTo(T.toEpochMilli());
        assertThat(data.series().get(0).values().getLast()).isEqualTo(5100.0);
        assertThat(data.series().get(0).values().get(data.timesMillis().size() - 2)).isEqualTo(5000.0);
        assertThat(data.series().get(1).values().getLast()).isEqualTo(4000.0);
        assertThat(view.metric().getValue()).isEqualTo(FAN);
        assertThat(view.site().getValue()).isEqualTo("lyon");
        assertThat(view.range().getValue()).isEqualTo(ChartRange.MINUTES_15);
        assertThat(view.message().getText()).isEqualTo("2 series.");
        assertThat(_get(Span.class, s -> s.withId("explore-caption")).getText())
                .contains("Last 15m", "maximum", "raw samples", "Axis in rpm");
    }

    @Test
    void pickersWriteTheSelectorAndNarrowIt() {
        ExploreView view = open("range=15m");
        assertThat(view.message().getText()).startsWith("Pick a metric");
        assertThat(view.metric().getListDataView().getItems().toList()).contains(FAN, "hw.power", "hw.temperature");
        view.metric().setValue(FAN);
        assertThat(view.selector().getValue()).isEqualTo(FAN);
        assertThat(view.chart().data().orElseThrow().series()).hasSize(2);
        view.site().setValue("lyon");
        assertThat(view.selector().getValue()).isEqualTo(FAN + "{site=\"lyon\"}");
        _get(ComboBox.class, s -> s.withId("explore-device"))
                .setValue("lyon-srv-2");
        assertThat(view.selector().getValue()).isEqualTo(FAN + "{site=\"lyon\",device=\"lyon-srv-2\"}");
        ChartData one = view.chart().data().orElseThrow();
        assertThat(one.series()).hasSize(1);
        assertThat(one.series().getFirst().values().getLast()).isEqualTo(4000.0);
    }

    @Test
    void aBadSelectorSaysWhyAndDrawsNothing() {
        ExploreView view = open("range=15m");
        view.selector().setValue("hw.power{site=");
        assertThat(view.selector().isInvalid()).isTrue();
        assertThat(view.selector().getErrorMessage()).startsWith("invalid selector 'hw.power{site=' at position");
        assertThat(view.message().getText()).isEqualTo(view.selector().getErrorMessage());
        assertThat(view.chart().isVisible()).isFalse();
    }

    @Test
    void moreSeriesThanTheCapAreLeftOutWithAMessage() {
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < ExploreService.MAX_SERIES + 5; i++) {
            many.add(new Sample(SeriesKey.of("hw.test.many", "site", "lyon", "hw.id", String.format("s%02d", i)),
                    T.toEpochMilli(), i));
        }
        store.append(many);
        ExploreView view = open("q=hw.test.many&range=15m");
        assertThat(view.chart().data().orElseThrow().series()).hasSize(ExploreService.MAX_SERIES);
        assertThat(view.message().getText()).startsWith("Showing 20 of 25 series: narrow the selector");
    }

    @Test
    void aRefreshTickAppendsTheNewSampleToTheChartOnScreen() throws InterruptedException {
        ExploreView view = open("q=" + FAN + "%7Bdevice%3D%22lyon-srv-1%22%7D&range=15m");
        ChartData before = view.chart().data().orElseThrow();
        Instant later = T.plusSeconds(10);
        store.append(List.of(fan("lyon-srv-1", later, 5300)));
        clock.set(later.plusSeconds(5));
        ChartData after = awaitChart(view.chart(), d -> d.timesMillis().getLast() == later.toEpochMilli());
        assertThat(after.series().getFirst().values().getLast()).isEqualTo(5300.0);
        assertThat(after.timesMillis()).hasSameSizeAs(before.timesMillis());
        // The points already shown stay (moved one step left); the oldest one left the 15 min range.
        assertThat(after.timesMillis().getFirst()).isEqualTo(before.timesMillis().get(1));
        assertThat(after.series().getFirst().values().subList(0, after.timesMillis().size() - 1))
                .isEqualTo(before.series().getFirst().values().subList(1, before.timesMillis().size()));
    }

    /** Runs the UI queue until the chart's data satisfies the condition, or fails after a deadline. */
    static ChartData awaitChart(TimeSeriesChart chart, Predicate<ChartData> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            MockVaadin.runUIQueue();
            if (chart.data().filter(condition).isPresent()) {
                return chart.data().orElseThrow();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the chart did not update by push; it shows " + chart.data());
    }

    private static Sample fan(String device, Instant t, double rpm) {
        return new Sample(SeriesKey.of(FAN, "site", "lyon", "device", device, "hw.id", "fan1"), t.toEpochMilli(), rpm);
    }
}
