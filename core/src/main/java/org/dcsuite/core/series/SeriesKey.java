package org.dcsuite.core.series;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The identity of a time series: a metric name plus attributes sorted by name.
 *
 * <p>Metric names follow the OpenTelemetry style (lowercase, dots allowed: {@code hw.power}); attribute
 * names may contain dots too ({@code hw.id}). The hash is computed once because stores look keys up on
 * every appended sample.
 */
public final class SeriesKey implements Comparable<SeriesKey> {

    /** The pseudo-label that holds the metric name in selectors and the Prometheus API. */
    public static final String NAME_LABEL = "__name__";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.]*");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");

    private final String metric;
    private final SortedMap<String, String> attributes;
    private final int hash;
    /** The selector text, computed on first use: sorting results compares it many times. A benign race. */
    private String text;

    private SeriesKey(String metric, SortedMap<String, String> attributes) {
        this.metric = metric;
        this.attributes = Collections.unmodifiableSortedMap(attributes);
        this.hash = 31 * metric.hashCode() + attributes.hashCode();
    }

    /**
     * Creates a key; attributes with empty values are dropped, as in Prometheus, where an empty label
     * value means the label is absent.
     *
     * @throws IllegalArgumentException if the metric or an attribute name is not valid
     */
    public static SeriesKey of(String metric, Map<String, String> attributes) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(attributes, "attributes");
        if (!isValidMetricName(metric)) {
            throw new IllegalArgumentException("invalid metric name '" + metric
                    + "': use letters, digits, '_', ':' and '.', not starting with a digit");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "attribute name");
            if (!isValidAttributeName(name) || name.equals(NAME_LABEL)) {
                throw new IllegalArgumentException("invalid attribute name '" + name + "' on metric " + metric
                        + ": use letters, digits, '_' and '.', not starting with a digit");
            }
            String value = Objects.requireNonNull(e.getValue(), () -> "value of attribute " + name);
            if (!value.isEmpty()) {
                sorted.put(name, value);
            }
        }
        return new SeriesKey(metric, sorted);
    }

    /** Creates a key from alternating attribute names and values. */
    public static SeriesKey of(String metric, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes must come as name, value pairs");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(metric, map);
    }

    public static boolean isValidMetricName(String name) {
        return name != null && METRIC_NAME.matcher(name).matches();
    }

    public static boolean isValidAttributeName(String name) {
        return name != null && ATTRIBUTE_NAME.matcher(name).matches();
    }

    public String metric() {
        return metric;
    }

    /** Attributes sorted by name; never contains empty values. */
    public SortedMap<String, String> attributes() {
        return attributes;
    }

    /** The value of a label, with {@value #NAME_LABEL} giving the metric; empty when absent. */
    public String label(String name) {
        if (NAME_LABEL.equals(name)) {
            return metric;
        }
        return attributes.getOrDefault(name, "");
    }

    /** Returns a key with one more (or a replaced) attribute. */
    public SeriesKey with(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(attributes);
        copy.put(name, value);
        return of(metric, copy);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof SeriesKey other
                && hash == other.hash
                && metric.equals(other.metric)
                && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(SeriesKey o) {
        int c = metric.compareTo(o.metric);
        if (c != 0) {
            return c;
        }
        return toString().compareTo(o.toString());
    }

    /** Selector syntax, which {@code SeriesSelector.parse} reads back: {@code hw.power{site="a"}}. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = format();
            text = t;
        }
        return t;
    }

    private String format() {
        StringBuilder sb = new StringBuilder(metric);
        if (!attributes.isEmpty()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            }
            sb.append('}');
        }
        return sb.toString();
    }

    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
