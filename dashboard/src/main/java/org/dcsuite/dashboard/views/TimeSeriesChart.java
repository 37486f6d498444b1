package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.StyleSheet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dcsuite.dashboard.data.ChartData;

/**
 * A line chart of {@link ChartData}, drawn in the browser by uPlot wrapped as the {@code <dcsuite-chart>} custom
 * element ({@code META-INF/resources/dcsuite/chart.js}). uPlot comes from its WebJar, so no npm build runs. The server
 * side is a plain component with one JSON property, so browserless tests check the data it is given.
 *
 * <p>A live chart moves on by its tail ({@link #show}): only the new points travel to the browser, which appends
 * them to what it draws, so a refresh neither resends the range nor redraws the chart from scratch.
 */
@Tag("dcsuite-chart")
@JavaScript(TimeSeriesChart.UPLOT_SCRIPT)
@JavaScript(TimeSeriesChart.ELEMENT_SCRIPT)
@StyleSheet(TimeSeriesChart.UPLOT_STYLESHEET)
public final class TimeSeriesChart extends Component {

    /** uPlot's self-contained build, from the WebJar {@code org.webjars.npm:uplot:1.6.30}. */
    static final String UPLOT_SCRIPT = "context://webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    static final String UPLOT_STYLESHEET = "context://webjars/uplot/1.6.30/dist/uPlot.min.css";
    /** The custom element around uPlot. */
    static final String ELEMENT_SCRIPT = "context://dcsuite/chart.js";
    private static final long MILLIS_PER_SECOND = 1000;

    /** Read by refresher threads, to ask the store only for what follows it. */
    private volatile ChartData data;
    /** Whether the browser extended the "data" property past its value on the server (see {@link #show}). */
    private boolean propertyBehind;

    public TimeSeriesChart() {
        // The height is left to the plot and its legend, which wraps under it, so the legend never covers what
        // follows the chart; the minimum keeps the page from jumping before the first drawing.
        getStyle().set("display", "block").set("width", "100%").set("min-height", "280px");
        addAttachListener(e -> {
            // A re-attached element is rebuilt in the browser from the property, which extensions left behind.
            if (propertyBehind && data != null) {
                setData(data);
            }
        });
    }

    /** Draws new data, replacing what was drawn. */
    public void setData(ChartData data) {
        this.data = data;
        this.propertyBehind = false;
        getElement().setProperty("data", json(data));
    }

    /**
     * Shows newer data: a tail of what is drawn ({@link ChartData#followedBy}) is appended, sending the browser only
     * its points; anything else (another range or unit, the first data, new lines) replaces what was drawn.
     */
    public void show(ChartData next) {
        if (data == null || !continues(data, next)) {
            setData(next);
            return;
        }
        ChartData merged = data.followedBy(next);
        if (!names(merged).equals(names(data))) {
            setData(merged);
            return;
        }
        data = merged;
        propertyBehind = true;
        getElement().callJsFunction("extend", json(next));
    }

    /** What the chart draws; empty before the first {@link #setData}. */
    public Optional<ChartData> data() {
        return Optional.ofNullable(data);
    }

    /** Whether {@code next} is the same chart moved on: same range, unit and step, starting within it or after it. */
    private static boolean continues(ChartData shown, ChartData next) {
        if (next.range() != shown.range() || !next.unit().equals(shown.unit()) || !next.step().equals(shown.step())
                || next.timesMillis().isEmpty() || shown.timesMillis().isEmpty()) {
            return false;
        }
        long first = next.timesMillis().getFirst();
        return first > shown.timesMillis().getFirst()
                && first <= shown.timesMillis().getLast() + shown.step().toMillis();
    }

    private static List<String> names(ChartData data) {
        return data.series().stream().map(ChartData.Series::name).toList();
    }

    /**
     * The JSON the element parses: times in epoch seconds (uPlot's unit), gaps as {@code null}, and the range's length
     * in seconds ({@code span}), which tells the browser what an appended tail pushes out.
     */
    static String json(ChartData data) {
        String times = data.timesMillis().stream()
                .map(t -> t % MILLIS_PER_SECOND == 0 ? Long.toString(t / MILLIS_PER_SECOND)
                        : String.format(Locale.ROOT, "%.3f", t / (double) MILLIS_PER_SECOND))
                .collect(Collectors.joining(",", "[", "]"));
        String series = data.series().stream()
                .map(s -> "{\"name\":" + quote(s.name()) + ",\"values\":" + s.values().stream()
                        .map(v -> v.isNaN() || v.isInfinite() ? "null" : Double.toString(v))
                        .collect(Collectors.joining(",", "[", "]")) + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"unit\":" + quote(data.unit()) + ",\"span\":" + data.range().length().toSeconds() + ",\"times\":"
                + times + ",\"series\":" + series + "}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
