package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.OutletReading;
import org.dcsuite.dashboard.data.PhaseReading;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Rack view over crafted readings: Lyon's PDUs are rated 16 A per phase at 230 V line-to-neutral, so one feed is
 * 3 x 230 x 16 = 11040 W and the A/B limit is 80 % of it, 8832 W.
 */
class RackViewTest extends KaribuTestBase {

    @BeforeEach
    void phasesAndOutlets() {
        List<Sample> s = new ArrayList<>();
        // Feed A: 12.8 / 9.6 / 9.6 A. Mean 10.667 A, largest deviation 2.133 A: 20 % imbalance; 12.8 A is 80 % of 16 A.
        s.add(phase("lyon", "lyon-pdu-a", T, "1", 12.8));
        s.add(phase("lyon", "lyon-pdu-a", T, "2", 9.6));
        s.add(phase("lyon", "lyon-pdu-a", T, "3", 9.6));
        s.add(phase("lyon", "lyon-pdu-b", T, "1", 5));
        s.add(phase("lyon", "lyon-pdu-b", T, "2", 5));
        s.add(phase("lyon", "lyon-pdu-b", T, "3", 5));
        s.add(phase("oslo", "oslo-pdu-a", T, "1", 9.5));
        s.add(TestFleet.sample("hw.status", "lyon", "lyon-pdu-a", T, 1, "hw.id", "outlet-1", "outlet", "1",
                "hw.state", "on", "hw.name", "srv-1"));
        s.add(TestFleet.sample("hw.status", "lyon", "lyon-pdu-a", T, 0, "hw.id", "outlet-2", "outlet", "2",
                "hw.state", "on", "hw.name", "spare"));
        s.add(TestFleet.sample("hw.current", "lyon", "lyon-pdu-a", T, 0.6, "hw.id", "outlet-1", "outlet", "1",
                "hw.name", "srv-1"));
        store.append(s);
    }

    private static Sample phase(String site, String device, Instant t, String phase, double amps) {
        return TestFleet.sample("hw.current", site, device, t, amps, "hw.id", "inlet-1-phase-" + phase, "phase", phase);
    }

    private RackView open(String location) {
        loginAs(Role.FACILITY);
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
        expectView(RackView.class);
        return _get(RackView.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String id) {
        return _get(Grid.class, s -> s.withId(id));
    }

    private static String text(String id) {
        return _get(com.vaadin.flow.component.Component.class, s -> s.withId(id)).getElement().getText();
    }

    @Test
    void phasesAreShownAgainstTheRatingWithAWarningFromEightyPercent() {
        open("sites/lyon/racks/r01");
        Grid<PhaseReading> phases = grid("pdu-lyon-pdu-a-phases");
        assertThat(_size(phases)).isEqualTo(3);
        assertThat(_getFormatted(phases, 0, "current")).isEqualTo("12.8 A");
        assertThat(_getFormatted(phases, 0, "rating")).isEqualTo("16.0 A");
        assertThat(_getFormatted(phases, 0, "percent")).isEqualTo("80 % (at or above 80 %)");
        assertThat(_getFormatted(phases, 1, "percent")).isEqualTo("60 %");
        PhaseReading first = phases.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(phases.getPartNameGenerator().apply(first)).isEqualTo("phase-warning");
        assertThat(_get(Paragraph.class, s -> s.withId("pdu-lyon-pdu-a-phase-note")).getText())
                .startsWith("Phase imbalance 20 %");
        assertThat(_get(Paragraph.class, s -> s.withId("pdu-lyon-pdu-b-phase-note")).getText())
                .startsWith("Phase imbalance 0 %");
    }

    @Test
    void outletsShowPowerAndState() {
        open("sites/lyon/racks/r01");
        Grid<OutletReading> outlets = grid("pdu-lyon-pdu-a-outlets");
        assertThat(_size(outlets)).isEqualTo(2);
        assertThat(_getFormatted(outlets, 0, "outlet")).isEqualTo("1");
        assertThat(_getFormatted(outlets, 0, "name")).isEqualTo("srv-1");
        assertThat(_getFormatted(outlets, 0, "power")).isEqualTo("120 W");
        assertThat(_getFormatted(outlets, 0, "current")).isEqualTo("0.6 A");
        assertThat(_getFormatted(outlets, 0, "state")).isEqualTo("On");
        assertThat(_getFormatted(outlets, 1, "state")).isEqualTo("Off");
        assertThat(_getFormatted(outlets, 1, "power")).isEqualTo("—");
        _get(TextField.class, s -> s.withId("pdu-lyon-pdu-a-outlet-filter")).setValue("spare");
        assertThat(_size(outlets)).isEqualTo(1);
    }

    @Test
    void redundancyIsOkWhileBothFeedsFitInOne() {
        open("sites/lyon/racks/r01");
        assertThat(_get(Span.class, s -> s.withId("redundancy-verdict")).getText())
                .isEqualTo("OK: either feed can carry the whole rack");
        assertThat(_get(Paragraph.class, s -> s.withId("redundancy-reason")).getText())
                .contains("A + B = 3200 W <= 8832 W (80 % of one feed's 11040 W)");
        assertThat(_get(Paragraph.class, s -> s.withId("redundancy-convention")).getText())
                .contains("lyon-pdu-a: 3 × 230 V line-to-neutral × 16 A = 11040 W", "power factor as 1");
        assertThat(_get(Paragraph.class, s -> s.withId("pdu-lyon-pdu-a-phase-note")).getText())
                .contains("16 A per phase, 3 phases, from the configuration");
        assertThat(_get(Paragraph.class, s -> s.withId("rack-summary")).getText())
                .contains("Power 3.2 kW", "budget 4.0 kW (80 %)", "29.0 °C");
    }

    @Test
    void redundancyAtTheLimitIsOkAndAboveItIsAtRisk() {
        Instant later = T.plusSeconds(20);
        store.append(List.of(inlet("lyon-pdu-a", later, 4932), inlet("lyon-pdu-b", later, 3900)));
        clock.set(later.plusSeconds(1));
        open("sites/lyon/racks/r01");
        assertThat(_get(Span.class, s -> s.withId("redundancy-verdict")).getText()).startsWith("OK");

        Instant latest = later.plusSeconds(20);
        store.append(List.of(inlet("lyon-pdu-a", latest, 4933)));
        clock.set(latest.plusSeconds(1));
        open("sites/lyon/racks/r01");
        assertThat(_get(Span.class, s -> s.withId("redundancy-verdict")).getText())
                .isEqualTo("At risk: one feed cannot carry the whole rack");
        assertThat(_get(Paragraph.class, s -> s.withId("redundancy-reason")).getText())
                .contains("A + B = 8833 W > 8832 W");
    }

    private static Sample inlet(String device, Instant t, double watts) {
        return TestFleet.sample("hw.power", "lyon", device, t, watts, "hw.id", "inlet-1");
    }

    @Test
    void withoutRatingOrFeedsTheViewSaysWhy() {
        open("sites/oslo/racks/r01");
        Grid<PhaseReading> phases = grid("pdu-oslo-pdu-a-phases");
        assertThat(_getFormatted(phases, 0, "current")).isEqualTo("9.5 A");
        assertThat(_getFormatted(phases, 0, "percent")).isEqualTo("—");
        assertThat(_get(Paragraph.class, s -> s.withId("pdu-oslo-pdu-a-phase-note")).getText())
                .contains("no rating", "rating: { current_a", "without a percentage");
        assertThat(_get(Paragraph.class, s -> s.withId("redundancy-convention")).getText())
                .startsWith("No PDU of this rack has a rating configured.");
        assertThat(_get(Span.class, s -> s.withId("redundancy-verdict")).getText()).isEqualTo("Unknown");
        assertThat(_get(Paragraph.class, s -> s.withId("redundancy-reason")).getText())
                .contains("No PDU of this rack is configured on feed A");
    }

    @Test
    void theChartShowsRackPowerPerFeed() {
        RackView view = open("sites/lyon/racks/r01?range=1h");
        ChartData data = view.chart().chart().data().orElseThrow();
        assertThat(data.series()).extracting(ChartData.Series::name).containsExactly("Feed A", "Feed B");
        assertThat(data.series().get(0).values().getLast()).isEqualTo(1.5);
        assertThat(data.series().get(1).values().getLast()).isEqualTo(1.7);
        assertThat(data.step()).hasSeconds(10);
    }

    @Test
    void unknownRackOrSiteShowsNotFound() {
        open("sites/lyon/racks/r99");
        assertThat(text("not-found-message")).isEqualTo("No rack 'r99' is configured. Configured: r01.");
        open("sites/nowhere/racks/r01");
        assertThat(text("not-found-message")).isEqualTo("No site 'nowhere' is configured. None is configured here.");
    }
}
