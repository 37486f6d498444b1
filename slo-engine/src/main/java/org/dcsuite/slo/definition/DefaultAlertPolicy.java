package org.dcsuite.slo.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.time.Durations;

/**
 * The SRE Workbook's multi-window multi-burn-rate policy, read from {@value #RESOURCE} (data, not
 * constants, so the thresholds can be read and reviewed in one place). Its factors are scaled to the SLO's
 * window; its tiers are {@code page} and {@code ticket}.
 */
public final class DefaultAlertPolicy {

    public static final String RESOURCE = "/org/dcsuite/slo/sre-workbook-alert-policy.yaml";
    /** The name SLO definitions use to ask for it explicitly. */
    public static final String NAME = "sre-workbook";

    private static final AlertPolicy POLICY = load();

    private DefaultAlertPolicy() {
    }

    public static AlertPolicy get() {
        return POLICY;
    }

    private static AlertPolicy load() {
        try (InputStream in = DefaultAlertPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the slo-engine jar");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<AlertRule> rules = new ArrayList<>();
            for (JsonNode rule : root.path("rules")) {
                double factor = rule.path("factor").asDouble();
                List<BurnCondition> conditions = new ArrayList<>();
                for (JsonNode window : rule.path("windows")) {
                    conditions.add(new BurnCondition(Durations.parsePositive(window.asText()), Comparison.GT,
                            factor, true));
                }
                rules.add(new AlertRule(rule.path("tier").asText(), conditions));
            }
            return new AlertPolicy(root.path("name").asText(NAME), rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
