package org.dcsuite.dashboard.views;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._sortByKey;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NavigatorKt.expectView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.dashboard.TestFleet;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.EnergyComparison;
import org.dcsuite.dashboard.data.EnergyComparisonCsv;
import org.dcsuite.dashboard.data.EnergyRange;
import org.dcsuite.dashboard.data.EnergyViewService;
import org.dcsuite.energy.config.EnergyConfigReader;
import org.dcsuite.energy.report.EnergyReport;
import org.dcsuite.energy.report.EnergyReportCsv;
import org.dcsuite.energy.report.EnergyService;
import org.dcsuite.energy.report.Figure;
import org.junit.jupiter.api.Test;

/**
 * The energy views over hand-made meters in a real DuckDB store: Lyon draws 14.2 kW at the incomer for 10 kW of IT
 * (PUE 1.42) for the last two hours, with a constant grid intensity and price, and counts requests; Oslo draws 12 kW
 * for 10 kW of IT and reuses 2 kW (ERF 0.17), has no carbon signal and a renewable meter that matches no series.
 */
class EnergyViewTest extends KaribuTestBase {

    /** The meters start two hours before the clock: a 24 h range is measured for about 2 h of its 24. */
    private static final Instant DATA_FROM = T.minus(Duration.ofHours(2));
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final double REQUESTS = 120_000;

    private EnergyService reports;

    @Override
    EnergyViewService energy() {
        Path config = dir.resolve("config");
        try {
            Files.createDirectories(config.resolve(EnergyConfigReader.FOLDER));
            Files.writeString(config.resolve("energy/lyon.yaml"), """
                    version: dcsuite/v1
                    energy:
                      site: lyon
                      facility: { meters: [ { series: 'test.facility.power{site="lyon"}' } ] }
                      it: { category: 1, meters: [ { series: 'test.it.power{site="lyon"}' } ] }
                      carbon: { grid: { source: constant, value: 50 } }
                      price: { source: constant, value: 0.2, currency: EUR }
                    """);
            Files.writeString(config.resolve("energy/oslo.yaml"), """
                    version: dcsuite/v1
                    energy:
                      site: oslo
                      facility: { meters: [ { series: 'test.facility.power{site="oslo"}' } ] }
                      it: { category: 2, meters: [ { series: 'test.it.power{site="oslo"}' } ] }
                      reuse: { meters: [ { series: 'test.reuse.power{site="oslo"}' } ] }
                      renewable: { meters: [ { series: 'test.pv.power{site="oslo"}' } ] }
                    """);
            power("test.facility.power", "lyon", 14_200);
            power("test.it.power", "lyon", 10_000);
            power("test.facility.power", "oslo", 12_000);
            power("test.it.power", "oslo", 10_000);
            power("test.reuse.power", "oslo", 2_000);
            store.describe(new MetricDescriptor("trace.requests", Unit.of("{request}"), MetricKind.COUNTER, ""));
            List<Sample> requests = new ArrayList<>();
            for (Instant t = DATA_FROM; !t.isAfter(T); t = t.plus(MINUTE)) {
                requests.add(Sample.of(SeriesKey.of("trace.requests", "site", "lyon", "service", "shop", "route", "/"),
                        t, REQUESTS * Duration.between(DATA_FROM, t).toMinutes() / 120));
            }
            store.append(requests);
            reports = new EnergyService(EnergyConfigReader.load(config, Optional.of(Set.of("lyon", "oslo"))),
                    TestFleet.config().sites(), store, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        return EnergyViewService.of(Optional.of(reports), store, clock);
    }

    /** A constant power gauge, sampled every minute from {@link #DATA_FROM} to the test time. */
    private void power(String metric, String site, double watts) {
        store.describe(new MetricDescriptor(metric, Unit.WATT, MetricKind.GAUGE, ""));
        List<Sample> samples = new ArrayList<>();
        for (Instant t = DATA_FROM; !t.isAfter(T); t = t.plus(MINUTE)) {
            samples.add(Sample.of(SeriesKey.of(metric, "site", site), t, watts));
        }
        store.append(samples);
    }

    private static <T extends Component> T open(String location, Class<T> view) {
        loginAs(Role.FACILITY);
        int q = location.indexOf('?');
        if (q < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, q), QueryParameters.fromString(location.substring(q + 1)));
        }
        expectView(view);
        return _get(view);
    }

    /** The comparison, once computed: reports are computed off the UI thread and pushed. */
    private static EnergyView openTable(String location) {
        EnergyView view = open(location, EnergyView.class);
        await(view::loaded);
        return view;
    }

    private static EnergySiteView openSite(String location) {
        EnergySiteView view = open(location, EnergySiteView.class);
        await(view::loaded);
        return view;
    }

    /** Runs what was pushed to the UI until {@code condition} holds, for at most 10 s. */
    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            MockVaadin.runUIQueue();
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("the view did not show its report in 10 s");
    }

    /** The grid row of a site. */
    private static int row(Grid<EnergyComparison.Row> grid, String site) {
        List<EnergyComparison.Row> rows = grid.getGenericDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).site().equals(site)) {
                return i;
            }
        }
        throw new AssertionError("no row for " + site);
    }

    /** A 24 h report ending at the last whole minute, as the view asks for it. */
    private EnergyReport report(String site) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return reports.site(site, end.minus(Duration.ofHours(24)), end, Optional.empty());
    }

    @Test
    void thePueShownIsFacilityOverItWithItsCategoryAndCoverage() {
        EnergyView view = openTable("energy");
        var grid = view.grid();
        assertThat(_size(grid)).isEqualTo(2);
        int lyon = row(grid, "lyon");
        double coverage = report("lyon").total().kpi("pue").orElseThrow().coverage();
        // 121 of the 1440 minutes were measured: a sample at each minute from 08:00 to 10:00 covers the minute it ends.
        assertThat(coverage).isCloseTo(121.0 / 1440, within(1e-9));
        assertThat(_getFormatted(grid, lyon, "pue")).isEqualTo("1.42 (" + EnergyFormats.coverage(coverage) + ")");
        assertThat(_getFormatted(grid, lyon, "pue")).isEqualTo("1.42 (8.4 % measured)");
        assertThat(_getFormatted(grid, lyon, "pue-category")).isEqualTo("PUE category 1 (UPS output)");
        assertThat(_getFormatted(grid, row(grid, "oslo"), "pue")).startsWith("1.20 (");
        assertThat(_getFormatted(grid, row(grid, "oslo"), "pue-category")).isEqualTo("PUE category 2 (PDU output)");
        assertThat(_getFormatted(grid, row(grid, "oslo"), "erf")).startsWith("0.17 (");
        // CUE: 50 g CO2 per facility kWh is 0.05 kg, times the PUE, per IT kWh.
        assertThat(_getFormatted(grid, lyon, "cue")).startsWith(String.format(Locale.ROOT,
                "%.3f kgCO2/kWh (", 0.05 * 1.42));
        double facilityKwh = report("lyon").total().figure("facility").orElseThrow().value().getAsDouble();
        assertThat(facilityKwh).isCloseTo(14.2 * coverage * 24, within(1e-6));
        assertThat(_getFormatted(grid, lyon, "facility")).startsWith(String.format(Locale.ROOT, "%.1f kWh (",
                facilityKwh));
        assertThat(_getFormatted(grid, lyon, "co2")).startsWith(String.format(Locale.ROOT, "%.3f kg (",
                facilityKwh * 0.05));
        assertThat(_getFormatted(grid, lyon, "cost")).startsWith(String.format(Locale.ROOT, "%.2f EUR (",
                facilityKwh * 0.2));
    }

    @Test
    void aKpiWithoutItsInputShowsADashAndWhy() {
        EnergyView view = openTable("energy");
        var grid = view.grid();
        int oslo = row(grid, "oslo");
        EnergyComparison.Row osloRow = grid.getGenericDataView().getItems().toList().get(oslo);
        assertThat(_getFormatted(grid, oslo, "cue")).isEqualTo(Formats.NONE);
        assertThat(grid.getColumnByKey("cue").getTooltipGenerator().apply(osloRow))
                .contains("no grid carbon intensity configured (energy.carbon.grid)");
        assertThat(_getFormatted(grid, oslo, "ref")).isEqualTo(Formats.NONE);
        assertThat(grid.getColumnByKey("ref").getTooltipGenerator().apply(osloRow)).contains("test.pv.power");
        assertThat(_getFormatted(grid, oslo, "cost")).isEqualTo(Formats.NONE);
        assertThat(grid.getColumnByKey("cost").getTooltipGenerator().apply(osloRow))
                .contains("no electricity price configured");
    }

    @Test
    void energyPerThousandRequestsNeedsSiteLabelledRequestCounters() {
        EnergyView view = openTable("energy");
        var grid = view.grid();
        int lyon = row(grid, "lyon");
        double facilityKwh = report("lyon").total().figure("facility").orElseThrow().value().getAsDouble();
        assertThat(_getFormatted(grid, lyon, "kwh-per-1000-requests"))
                .isEqualTo(String.format(Locale.ROOT, "%.3f kWh", facilityKwh / REQUESTS * 1000));
        int oslo = row(grid, "oslo");
        assertThat(_getFormatted(grid, oslo, "kwh-per-1000-requests")).isEqualTo(Formats.NONE);
        assertThat(grid.getColumnByKey("kwh-per-1000-requests").getTooltipGenerator()
                .apply(grid.getGenericDataView().getItems().toList().get(oslo)))
                .contains("trace.requests{site=\"oslo\"}", "by service and route");
    }

    @Test
    void sitesSortByPue() {
        EnergyView view = openTable("energy");
        _sortByKey(view.grid(), "pue", SortDirection.DESCENDING);
        assertThat(_getFormatted(view.grid(), 0, "pue")).startsWith("1.42");
        _sortByKey(view.grid(), "pue", SortDirection.ASCENDING);
        assertThat(_getFormatted(view.grid(), 0, "pue")).startsWith("1.20");
    }

    @Test
    void theCsvExportHoldsTheTableFigures() {
        EnergyView view = openTable("energy");
        assertThat(_get(Anchor.class, s -> s.withId("energy-csv")).getHref()).isNotEmpty();
        List<String> lines = view.csv().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(EnergyComparisonCsv.HEADER);
        assertThat(lines).hasSize(3);
        String lyon = lines.stream().filter(l -> l.startsWith("lyon,")).findFirst().orElseThrow();
        String[] cells = lyon.split(",", -1);
        List<String> header = List.of(EnergyComparisonCsv.HEADER.split(","));
        assertThat(cells).hasSize(header.size());
        assertThat(cells[header.indexOf("pue_label")]).isEqualTo("PUE category 1 (UPS output)");
        assertThat(Double.parseDouble(cells[header.indexOf("pue")])).isCloseTo(1.42, within(1e-9));
        assertThat(cells[header.indexOf("currency")]).isEqualTo("EUR");
        assertThat(Double.parseDouble(cells[header.indexOf("requests")])).isCloseTo(REQUESTS, within(1e-6));
        String oslo = lines.stream().filter(l -> l.startsWith("oslo,")).findFirst().orElseThrow();
        assertThat(oslo.split(",", -1)[header.indexOf("cue_kgco2_per_kwh")]).isEmpty();
    }

    @Test
    void theRangeComesFromTheUrlAndThePicker() {
        EnergyView view = openTable("energy?range=7d");
        assertThat(view.range().getValue()).isEqualTo(EnergyRange.LAST_7_DAYS);
        Span caption = _get(Span.class, s -> s.withId("energy-caption"));
        assertThat(caption.getElement().getAttribute("data-start")).isEqualTo("2026-11-17T10:00:00Z");
        RouterLink lyon = (RouterLink) _getCellComponent(view.grid(), row(view.grid(), "lyon"), "site");
        assertThat(lyon.getHref()).isEqualTo("energy/lyon?range=7d");
        view.range().setValue(EnergyRange.THIS_MONTH);
        await(view::loaded);
        // The month starts in the viewer's zone, UTC until the browser says otherwise.
        assertThat(caption.getElement().getAttribute("data-start")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(caption.getText()).startsWith("This month: 2026-11-01 00:00:00 Z to 2026-11-24 10:00:00 Z");
    }

    @Test
    void newMeasurementsArriveByPush() throws InterruptedException {
        EnergyView view = openTable("energy");
        String before = _getFormatted(view.grid(), row(view.grid(), "lyon"), "pue");
        // Ten more minutes at a PUE of 2: the next minute's report includes them.
        Instant next = T.plus(Duration.ofMinutes(10));
        List<Sample> more = new ArrayList<>();
        for (Instant t = T.plus(MINUTE); !t.isAfter(next); t = t.plus(MINUTE)) {
            more.add(Sample.of(SeriesKey.of("test.facility.power", "site", "lyon"), t, 20_000));
            more.add(Sample.of(SeriesKey.of("test.it.power", "site", "lyon"), t, 10_000));
        }
        store.append(more);
        clock.set(next.plusSeconds(5));
        double expected = report("lyon").total().kpi("pue").orElseThrow().value().getAsDouble();
        assertThat(expected).isCloseTo((14.2 * 121 + 20 * 10) / (10.0 * 131), within(0.01));
        Instant deadline = Instant.now().plusSeconds(10);
        String after = before;
        while (after.equals(before) && Instant.now().isBefore(deadline)) {
            MockVaadin.runUIQueue();
            after = _getFormatted(view.grid(), row(view.grid(), "lyon"), "pue");
            Thread.sleep(20);
        }
        assertThat(after).startsWith(String.format(Locale.ROOT, "%.2f (", expected));
    }

    @Test
    void theSiteViewShowsKpisTrendsCategoriesAndGaps() {
        EnergySiteView view = openSite("energy/lyon");
        var report = reports.site("lyon", T.minus(Duration.ofHours(24)), T, Optional.of(Duration.ofHours(1)));
        assertThat(_get(Details.class, s -> s.withId("kpi-pue")).getSummaryText())
                .isEqualTo("PUE category 1 (UPS output): 1.42 ("
                        + EnergyFormats.coverage(report.total().kpi("pue").orElseThrow().coverage()) + ")");
        Details wue = _get(Details.class, s -> s.withId("kpi-wue"));
        assertThat(wue.getSummaryText()).endsWith(": — (no water meter configured (energy.water))");

        ChartData ratios = view.ratios().data().orElseThrow();
        assertThat(ratios.series()).extracting(ChartData.Series::name).containsExactly("PUE category 1 (UPS output)");
        List<Double> pue = ratios.series().getFirst().values();
        assertThat(pue).hasSize(24);
        // The last two hourly steps were measured; before them, nothing.
        assertThat(pue.subList(22, 24)).allSatisfy(v -> assertThat(v).isCloseTo(1.42, within(1e-9)));
        assertThat(pue.subList(0, 21)).allSatisfy(v -> assertThat(v).isNaN());
        assertThat(ratios.timesMillis().getLast()).isEqualTo(T.toEpochMilli());

        // A constant intensity is not stored: the chart shows the report's CO2 per facility kWh, which is it.
        ChartData carbon = view.carbon().data().orElseThrow();
        assertThat(carbon.unit()).isEqualTo("g/kWh");
        assertThat(carbon.series().getFirst().values().getLast()).isCloseTo(50, within(1e-9));

        Grid<Figure> figures = view.figures();
        assertThat(figures.getGenericDataView().getItems().map(Figure::id).toList())
                .containsExactly("facility", "it", "co2", "cost");
        assertThat(_getFormatted(figures, 0, "value")).startsWith(String.format(Locale.ROOT, "%.1f kWh (",
                report.total().figure("facility").orElseThrow().value().getAsDouble()));

        // Before the first sample the meters were silent: one gap per series, from the range's start.
        assertThat(_size(view.gaps())).isEqualTo(2);
        assertThat(_getFormatted(view.gaps(), 0, "from")).isEqualTo("2026-11-23 10:00:00 Z");
        assertThat(_getFormatted(view.gaps(), 0, "to")).isEqualTo("2026-11-24 07:59:00 Z");
    }

    @Test
    void theSiteCsvHoldsEveryStep() {
        EnergySiteView view = openSite("energy/lyon?range=24h");
        List<String> lines = view.csv().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(EnergyReportCsv.HEADER);
        assertThat(lines.stream().filter(l -> l.contains(",step,") && l.contains(",kpi,pue,"))).hasSize(24);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("lyon,total,2026-11-23T10:00:00Z,"
                + "2026-11-24T10:00:00Z,kpi,pue,PUE category 1 (UPS output),,1.42,"));
        assertThat(_get(Anchor.class, s -> s.withId("energy-site-csv")).getHref()).isNotEmpty();
    }

    @Test
    void anUnknownSiteShowsNotFound() {
        open("energy/nowhere", EnergySiteView.class);
        assertThat(_get(Paragraph.class, s -> s.withId("not-found-message")).getText())
                .isEqualTo("No energy site 'nowhere' is configured. Configured: lyon, oslo.");
    }
}
