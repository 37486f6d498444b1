package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dcsuite.core.time.Durations;
import org.dcsuite.dashboard.DashboardContext;
import org.dcsuite.dashboard.data.ChartData;
import org.dcsuite.dashboard.data.EnergyRange;
import org.dcsuite.dashboard.data.EnergySiteDetail;
import org.dcsuite.dashboard.data.EnergyViewService;
import org.dcsuite.energy.kpi.Kpi;
import org.dcsuite.energy.meter.MeterGap;
import org.dcsuite.energy.report.EnergyReport;
import org.dcsuite.energy.report.EnergyReportCsv;
import org.dcsuite.energy.report.Figure;

/**
 * One site's energy over a range: each KPI with its coverage and, on opening, the meters that fed it; PUE, pPUE and
 * CUE per step; the carbon intensity; energy by category; every unmeasured span. Bookmarkable
 * ({@code /energy/edge-oslo?range=7d}); refreshed by push; the per-step figures download as CSV.
 */
@Route(value = "energy/:siteId", layout = MainLayout.class)
@PageTitle("Site energy · dcsuite")
@PermitAll
public final class EnergySiteView extends VerticalLayout implements BeforeEnterObserver {

    static final String SITE_PARAMETER = "siteId";

    private final EnergyViewService energy;
    private final H2 title = new H2();
    private final Select<EnergyRange> range = new Select<>();
    private final Span caption = new Span();
    private final Paragraph problems = new Paragraph();
    private final Div kpis = new Div();
    private final Map<String, Details> kpiDetails = new LinkedHashMap<>();
    private final TimeSeriesChart ratios = new TimeSeriesChart();
    private final TimeSeriesChart cue = new TimeSeriesChart();
    private final TimeSeriesChart carbon = new TimeSeriesChart();
    private final Span carbonCaption = new Span();
    private final Grid<Figure> figures = new Grid<>();
    private final H3 gapsTitle = new H3();
    private final Grid<MeterGap> gaps = new Grid<>();
    private final Anchor csv;
    private volatile String siteId;
    private volatile EnergyRange selected = EnergyRange.DEFAULT;
    private volatile ZoneId zone = ViewerZone.get();
    private volatile EnergySiteDetail shown;

    public EnergySiteView() {
        DashboardContext context = DashboardContext.current();
        this.energy = context.energy();
        setSizeFull();
        range.setId("energy-site-range");
        range.setItems(EnergyRange.values());
        range.setItemLabelGenerator(EnergyRange::label);
        range.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != selected) {
                selected = e.getValue();
                UI.getCurrent().getPage().getHistory().replaceState(null,
                        "energy/" + siteId + "?" + EnergyView.query(selected));
                energy.site(siteId, selected, zone).ifPresent(next -> load(UI.getCurrent(), next));
            }
        });
        caption.setId("energy-site-caption");
        caption.getStyle().set("color", "var(--lumo-secondary-text-color)");
        problems.setId("energy-site-problems");
        kpis.setId("energy-kpis");
        ratios.setId("energy-ratios-chart");
        cue.setId("energy-cue-chart");
        carbon.setId("energy-carbon-chart");
        carbonCaption.setId("energy-carbon-caption");
        carbonCaption.getStyle().set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");

        figures.setId("energy-figures");
        figures.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        figures.addColumn(Figure::label).setKey("category").setHeader("Category").setFlexGrow(2);
        figures.addColumn(EnergyFormats::figure).setKey("value").setHeader("Over the range")
                .setTooltipGenerator(EnergyFormats::figureTooltip).setFlexGrow(2);
        figures.setAllRowsVisible(true);

        gaps.setId("energy-gaps");
        gaps.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        gaps.addColumn(MeterGap::meter).setKey("meter").setHeader("Meter").setSortable(true);
        gaps.addColumn(g -> g.series().toString()).setKey("series").setHeader("Series").setSortable(true)
                .setFlexGrow(3);
        gaps.addColumn(g -> Formats.time(Optional.of(g.from()), zone)).setKey("from").setHeader("From")
                .setComparator(MeterGap::from);
        gaps.addColumn(g -> Formats.time(Optional.of(g.to()), zone)).setKey("to").setHeader("To")
                .setComparator(MeterGap::to);
        gaps.addColumn(g -> g.unattributed().isEmpty() ? Formats.NONE
                        : EnergyFormats.number(g.unattributed().getAsDouble(), 3) + " (not attributed to a step)")
                .setKey("unattributed").setHeader("Counted across the gap")
                .setTooltipGenerator(g -> "What a counter counted across the gap: real, at an unknown time, so left "
                        + "out of every step (kWh, or L for water)");
        gaps.setHeight("16rem");
        gaps.getColumns().forEach(c -> c.setResizable(true));

        csv = new Anchor((DownloadHandler) event -> {
            EnergyReport report = shown.report().orElseThrow();
            byte[] bytes = EnergyReportCsv.write(List.of(report)).getBytes(StandardCharsets.UTF_8);
            event.setFileName("dcsuite-energy-" + report.site() + "-" + shown.range().id() + ".csv");
            event.setContentType("text/csv; charset=utf-8");
            event.setContentLength(bytes.length);
            event.getOutputStream().write(bytes);
        }, "Download per-step CSV");
        csv.setId("energy-site-csv");
        // Until a report is shown there is nothing to download.
        csv.setEnabled(false);
        LiveRefresh.install(this, context.refresher(), context.refreshInterval(), this::latest,
                latest -> latest.ifPresent(this::show));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        siteId = event.getRouteParameters().get(SITE_PARAMETER).orElse("");
        List<String> values = event.getLocation().getQueryParameters().getParameters()
                .getOrDefault(RangeChart.RANGE_PARAMETER, List.of());
        selected = values.isEmpty() ? EnergyRange.DEFAULT
                : EnergyRange.fromId(values.getFirst()).orElse(EnergyRange.DEFAULT);
        removeAll();
        kpis.removeAll();
        kpiDetails.clear();
        shown = null;
        csv.setEnabled(false);
        if (!energy.configured()) {
            Paragraph none = new Paragraph(EnergyViewService.NOT_CONFIGURED);
            none.setId("energy-site-problems");
            add(new H2("Energy"), none);
            return;
        }
        Optional<CompletableFuture<EnergySiteDetail>> detail = energy.site(siteId, selected, zone);
        if (detail.isEmpty()) {
            add(new NotFound("energy site", siteId, energy.siteIds()));
            return;
        }
        range.setValue(selected);
        RouterLink back = new RouterLink("All sites", EnergyView.class);
        back.setId("energy-back");
        HorizontalLayout head = new HorizontalLayout(title, range, csv, back);
        head.setAlignItems(Alignment.BASELINE);
        add(head, caption, problems, new H3("KPIs"), kpis, new H3("PUE and pPUE per step"), ratios,
                new H3("CUE per step"), cue, new H3("Carbon intensity"), carbon, carbonCaption,
                new H3("Energy by category"), figures, gapsTitle, gaps);
        title.setText(siteId + " energy");
        load(event.getUI(), detail.get());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        ViewerZone.detect(event.getUI(), () -> {
            // Times move to the viewer's zone, and this month starts in it.
            zone = ViewerZone.get();
            gaps.getDataProvider().refreshAll();
            energy.site(siteId, selected, zone).ifPresent(next -> load(event.getUI(), next));
        });
        zone = ViewerZone.get();
    }

    /** The route parameters of a site's energy view. */
    static Map<String, String> params(String siteId) {
        return Map.of(SITE_PARAMETER, siteId);
    }

    /** The KPI's summary line: label, value and coverage, or the reason there is none. */
    static String summary(Kpi k) {
        return k.label() + ": " + (k.value().isPresent() ? EnergyFormats.kpi(k)
                : Formats.NONE + " (" + k.reason().orElseThrow() + ")");
    }

    /** The element id of a KPI's line: {@code kpi-pue}, {@code kpi-ppue-room-1}. */
    static String kpiId(Kpi k) {
        return "kpi-" + k.id() + k.zone().map(z -> "-" + z).orElse("");
    }

    /** What the CSV link downloads now, for tests. */
    String csv() {
        return EnergyReportCsv.write(List.of(shown.report().orElseThrow()));
    }

    TimeSeriesChart ratios() {
        return ratios;
    }

    TimeSeriesChart carbon() {
        return carbon;
    }

    Grid<Figure> figures() {
        return figures;
    }

    Grid<MeterGap> gaps() {
        return gaps;
    }

    /** Whether a report is shown, for tests: reports are computed off the UI thread and pushed. */
    boolean loaded() {
        return shown != null && shown.site().equals(siteId) && shown.range() == selected;
    }

    private Optional<EnergySiteDetail> latest() {
        String id = siteId;
        return id == null ? Optional.empty() : energy.latestSite(id, selected, zone);
    }

    /** Shows this minute's report, at once when it is computed, else when it is. */
    private void load(UI ui, CompletableFuture<EnergySiteDetail> next) {
        if (next.isDone()) {
            show(next.join());
            return;
        }
        caption.setText("Computing the energy report for " + selected.label().toLowerCase(Locale.ROOT) + "…");
        next.thenAccept(d -> {
            try {
                ui.access(() -> show(d));
            } catch (UIDetachedException e) {
                // The viewer left before the report was ready.
            }
        });
    }

    private void show(EnergySiteDetail detail) {
        if (!detail.site().equals(siteId) || detail.range() != selected
                || loaded() && detail.end().isBefore(shown.end())) {
            // Loaded for what was shown before a navigation or a range pick (which loads its own), or older than
            // what is shown.
            return;
        }
        shown = detail;
        csv.setEnabled(detail.report().isPresent());
        title.setText(detail.site() + " energy");
        if (detail.report().isEmpty()) {
            caption.setText(detail.range().label());
            problems.setText(detail.problem().orElse(""));
            return;
        }
        EnergyReport report = detail.report().get();
        caption.setText(detail.range().label() + ": " + Formats.time(Optional.of(report.from()), zone) + " to "
                + Formats.time(Optional.of(report.to()), zone) + ", one step per "
                + Formats.step(detail.range().step()) + (detail.range().step().toDays() >= 1
                        ? " from midnight in the site's time zone (" + report.timeZone().getId() + ")" : "")
                + "; a gap is a silence longer than " + Durations.format(report.maxGap())
                + ". Times in your time zone.");
        caption.getElement().setAttribute("data-start", report.from().toString());
        caption.getElement().setAttribute("data-end", report.to().toString());
        problems.setText(report.problems().isEmpty() ? "" : "Problems: " + String.join("; ", report.problems()));
        problems.setVisible(!report.problems().isEmpty());
        for (Kpi k : report.total().kpis()) {
            Details line = kpiDetails.computeIfAbsent(kpiId(k), id -> {
                Details d = new Details();
                d.setId(id);
                kpis.add(d);
                return d;
            });
            line.setSummaryText(summary(k));
            line.removeAll();
            line.add(k.series().isEmpty() ? new Paragraph("No meter feeds it.") : meters(k.series()));
        }
        draw(ratios, detail.ratios());
        draw(cue, detail.cue());
        draw(carbon, detail.carbon());
        carbonCaption.setText("From " + detail.carbonSource() + ".");
        figures.setItems(report.total().figures());
        gapsTitle.setText("Gaps (" + report.gaps().size() + ")");
        gaps.setItems(report.gaps());
    }

    private static UnorderedList meters(List<String> series) {
        UnorderedList list = new UnorderedList();
        series.forEach(s -> list.add(new ListItem(s)));
        return list;
    }

    /** Redraws only what changed: the figures move once a minute, the refresh comes more often. */
    private static void draw(TimeSeriesChart chart, Optional<ChartData> data) {
        if (data.isPresent() && !chart.data().equals(data)) {
            chart.setData(data.get());
        }
    }
}
