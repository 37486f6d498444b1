package org.dcsuite.app.promapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dcsuite.app.promql.PromqlSeries;
import org.dcsuite.core.event.DeviceEvent;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeSeries;

/**
 * Responses in the shape of the Prometheus HTTP API ({@code /api/v1/...}), so that Grafana and other
 * Prometheus clients read them: values as strings, times as unix seconds with millisecond fractions.
 */
public final class PrometheusJson {

    private static final JsonFactory JSON = new JsonFactory();

    private PrometheusJson() {
    }

    /** The error types of the Prometheus API. */
    public enum ErrorType {
        BAD_DATA("bad_data", 400), EXECUTION("execution", 422), TIMEOUT("timeout", 503),
        UNAVAILABLE("unavailable", 503), INTERNAL("internal", 500), NOT_FOUND("not_found", 404),
        /** Missing or wrong bearer token; Prometheus leaves authentication to proxies, so the name is ours. */
        UNAUTHORIZED("unauthorized", 401);

        private final String id;
        private final int httpStatus;

        ErrorType(String id, int httpStatus) {
            this.id = id;
            this.httpStatus = httpStatus;
        }

        public String id() {
            return id;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /** {@code {"status":"success","data":{"resultType":"matrix","result":[...]}}}. */
    public static String matrix(List<RangeSeries> series) {
        return result("matrix", g -> {
            for (RangeSeries s : series) {
                g.writeStartObject();
                g.writeFieldName("metric");
                writeLabels(g, s.series());
                writeValues(g, s.points());
                g.writeEndObject();
            }
        });
    }

    /**
     * A {@code matrix} whose series are plain label sets: query results whose functions or aggregations
     * dropped the metric name ({@code sum by (site) (...)} gives {@code {"site":"lyon"}}).
     */
    public static String labeledMatrix(List<PromqlSeries> series) {
        return result("matrix", g -> {
            for (PromqlSeries s : series) {
                g.writeStartObject();
                writeStringMap(g, "metric", s.labels());
                writeValues(g, s.points());
                g.writeEndObject();
            }
        });
    }

    /**
     * {@code /api/v1/query}: a {@code vector} of each series' value at {@code atMillis}; series without a point
     * there (stale, or no data in the lookback) are left out, as Prometheus does.
     */
    public static String vector(List<PromqlSeries> series, long atMillis) {
        return result("vector", g -> {
            for (PromqlSeries s : series) {
                for (Point p : s.points()) {
                    if (p.timeMillis() != atMillis) {
                        continue;
                    }
                    g.writeStartObject();
                    writeStringMap(g, "metric", s.labels());
                    g.writeArrayFieldStart("value");
                    g.writeNumber(formatTime(p.timeMillis()));
                    g.writeString(formatValue(p.value()));
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
        });
    }

    /** {@code {"status":"success","data":{"resultType":TYPE,"result":[ROWS]}}}. */
    private static String result(String resultType, Body rows) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeObjectFieldStart("data");
            g.writeStringField("resultType", resultType);
            g.writeArrayFieldStart("result");
            rows.write(g);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * {@code /api/v1/events}: stored device events, newest first, in the API's envelope:
     * {@code {"status":"success","data":[{"time": RFC 3339, "device", "source", "type", "severity", "message",
     * "labels": {...}, "details": {...}}]}}.
     */
    public static String events(List<DeviceEvent> events) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeArrayFieldStart("data");
            for (DeviceEvent e : events) {
                g.writeStartObject();
                g.writeStringField("time", e.time().toString());
                if (e.deviceId().isPresent()) {
                    g.writeStringField("device", e.deviceId().get());
                } else {
                    g.writeNullField("device");
                }
                g.writeStringField("source", e.source());
                g.writeStringField("type", e.type());
                if (e.severity().isPresent()) {
                    g.writeStringField("severity", e.severity().get());
                } else {
                    g.writeNullField("severity");
                }
                g.writeStringField("message", e.message());
                writeStringMap(g, "labels", e.labels());
                writeStringMap(g, "details", e.details());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeStringMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValues(JsonGenerator g, List<Point> points) throws IOException {
        g.writeArrayFieldStart("values");
        for (Point p : points) {
            g.writeStartArray();
            g.writeNumber(formatTime(p.timeMillis()));
            g.writeString(formatValue(p.value()));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** {@code /api/v1/series}: a list of label sets, {@code __name__} included. */
    public static String labelSets(Collection<SeriesKey> series) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeArrayFieldStart("data");
            for (SeriesKey s : series) {
                writeLabels(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code /api/v1/labels} and {@code /api/v1/label/NAME/values}: a list of strings. */
    public static String strings(Collection<String> values) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeArrayFieldStart("data");
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"status":"error","errorType":"bad_data","error":"..."}}. */
    public static String error(ErrorType type, String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("errorType", type.id());
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** Unix seconds with up to three decimals, as Prometheus writes sample times ({@code 1435781451.781}). */
    public static BigDecimal formatTime(long millis) {
        BigDecimal seconds = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
        // stripTrailingZeros turns whole thousands into 1.764E+9, which Jackson would write as such.
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    /** A sample value as Prometheus writes it: shortest round-trip decimal, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        // Go writes exponents as e+06 / e-07; Java as E6 / E-7.
        String mantissa = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static void writeLabels(JsonGenerator g, SeriesKey s) throws IOException {
        g.writeStartObject();
        g.writeStringField(SeriesKey.NAME_LABEL, s.metric());
        for (Map.Entry<String, String> e : s.attributes().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
