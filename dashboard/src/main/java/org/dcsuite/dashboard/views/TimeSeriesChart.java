package org.dcsuite.dashboard.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.StyleSheet;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dcsuite.dashboard.data.ChartData;

/**
 * A line chart of {@link ChartData}, drawn in the browser by uPlot wrapped as the {@code <dcsuite-chart>} custom
 * element ({@code META-INF/resources/dcsuite/chart.js}). uPlot comes from its WebJar, so no npm build runs. The server
 * side is a plain component with one JSON property, so browserless tests check the data it is given.
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

    private ChartData data;

    public TimeSeriesChart() {
        getStyle().set("display", "block").set("width", "100%").set("height", "280px");
    }

    /** Draws new data, replacing what was drawn. */
    public void setData(ChartData data) {
        this.data = data;
        getElement().setProperty("data", json(data));
    }

    /** What the chart draws; empty before the first {@link #setData}. */
    public Optional<ChartData> data() {
        return Optional.ofNullable(data);
    }

    /** The JSON the element parses: times in epoch seconds (uPlot's unit), gaps as {@code null}. */
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
        return "{\"unit\":" + quote(data.unit()) + ",\"times\":" + times + ",\"series\":" + series + "}";
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
