package org.dcsuite.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dcsuite.slo.SloStatus;

/**
 * The JSON of {@code dcsuite slo status --format json} and {@code /api/v1/slos}: numbers as JSON numbers,
 * null where there is no data, times in RFC 3339 UTC.
 */
public final class SloStatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SloStatusJson() {
    }

    /** {@code {"at": ..., "slos": [...]}}. */
    public static String write(Instant at, List<SloStatus> statuses) {
        return tree(at, statuses).toString();
    }

    static ObjectNode tree(Instant at, List<SloStatus> statuses) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("at", at.toString());
        ArrayNode slos = root.putArray("slos");
        for (SloStatus s : statuses) {
            ObjectNode o = slos.addObject();
            o.put("name", s.name());
            o.put("service", s.service());
            o.put("objective", s.objective());
            o.put("window", s.window());
            o.put("budgeting_method", s.budgetingMethod());
            number(o, "sli", s.sli());
            number(o, "budget_remaining", s.budgetRemaining());
            ObjectNode burns = o.putObject("burn_rates");
            for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
                number(burns, e.getKey(), e.getValue());
            }
            ArrayNode alerts = o.putArray("alerts_firing");
            s.alertsFiring().forEach(alerts::add);
            if (s.budget() == null) {
                o.putNull("budget");
            } else {
                ObjectNode b = o.putObject("budget");
                b.put("unit", s.budget().unit());
                number(b, "total", s.budget().total());
                number(b, "consumed", s.budget().consumed());
                number(b, "remaining", s.budget().remaining());
            }
            if (s.exhaustion() == null) {
                o.putNull("exhaustion");
            } else {
                ObjectNode x = o.putObject("exhaustion");
                time(x, "at_current_burn", s.exhaustion().atCurrentBurn());
                time(x, "trend", s.exhaustion().trend());
                time(x, "trend_earliest", s.exhaustion().trendEarliest());
                time(x, "trend_latest", s.exhaustion().trendLatest());
                number(x, "trend_r_squared", s.exhaustion().trendRSquared());
            }
            if (!s.components().isEmpty()) {
                ArrayNode c = o.putArray("components");
                s.components().forEach(c::add);
            }
        }
        return root;
    }

    private static void number(ObjectNode o, String key, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void time(ObjectNode o, String key, Instant value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value.toString());
        }
    }
}
