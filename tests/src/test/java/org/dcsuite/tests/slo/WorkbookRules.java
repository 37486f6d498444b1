package org.dcsuite.tests.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus rule file of the SLO, {@code slo/checkout-slo-rules.yml}: one recording rule of the error
 * ratio per window and one alerting rule per severity.
 *
 * <p>Prometheus evaluates rules only as time passes, never over a backfilled past, so the test evaluates the
 * rules' own expressions with range queries instead. An alert's expression refers to recording rules; each
 * reference is replaced by the recorded expression, which is what the recorded series would hold at the same
 * evaluation time.
 */
final class WorkbookRules {

    private static final Pattern WINDOW = Pattern.compile(":ratio_rate(\\w+)$");

    private final Map<String, String> recordings = new LinkedHashMap<>();
    private final Map<String, String> ratioByWindow = new LinkedHashMap<>();
    private final Map<String, String> alertBySeverity = new LinkedHashMap<>();

    WorkbookRules(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String expr = rule.path("expr").asText().strip();
                if (rule.has("record")) {
                    String name = rule.path("record").asText();
                    Matcher m = WINDOW.matcher(name);
                    if (!m.find()) {
                        throw new IllegalArgumentException(file + ": recording rule " + name + " names no window");
                    }
                    recordings.put(name, expr);
                    ratioByWindow.put(m.group(1), expr);
                } else {
                    if (rule.has("for")) {
                        throw new IllegalArgumentException(file + ": the Workbook's burn-rate alerts fire without 'for'");
                    }
                    alertBySeverity.put(rule.path("labels").path("severity").asText(), expr);
                }
            }
        }
    }

    /** The error ratio's expression for a window ("5m", "1h", ...), as recorded. */
    String errorRatio(String window) {
        String expr = ratioByWindow.get(window);
        if (expr == null) {
            throw new IllegalArgumentException("no recording rule for window " + window + ": " + ratioByWindow.keySet());
        }
        return expr;
    }

    /** The windows recorded, in file order. */
    Iterable<String> windows() {
        return ratioByWindow.keySet();
    }

    /** The alert's expression with every recording rule it uses replaced by the recorded expression. */
    String alert(String severity) {
        String expr = alertBySeverity.get(severity);
        if (expr == null) {
            throw new IllegalArgumentException("no alert of severity " + severity + ": " + alertBySeverity.keySet());
        }
        for (Map.Entry<String, String> r : recordings.entrySet()) {
            expr = expr.replaceAll(Pattern.quote(r.getKey()) + "(?![\\w:])",
                    Matcher.quoteReplacement("(" + r.getValue() + ")"));
        }
        return expr;
    }

    /** The severities alerted on, in file order. */
    Iterable<String> severities() {
        return alertBySeverity.keySet();
    }
}
