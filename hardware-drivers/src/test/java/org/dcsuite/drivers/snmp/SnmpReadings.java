package org.dcsuite.drivers.snmp;

import java.util.List;
import java.util.Map;
import org.dcsuite.drivers.PointError;
import org.dcsuite.drivers.Reading;

/** Finds readings and errors in poll results, for assertions. */
final class SnmpReadings {

    private SnmpReadings() {
    }

    /** The single reading of a metric whose attributes include all of {@code attributes} (name, value pairs). */
    static Reading one(List<Reading> readings, String metric, String... attributes) {
        List<Reading> found = readings.stream().filter(r -> r.metric().equals(metric))
                .filter(r -> matches(r.attributes(), attributes)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + metric + " " + List.of(attributes) + ", found " + found);
        }
        return found.get(0);
    }

    static boolean none(List<Reading> readings, String metric, String... attributes) {
        return readings.stream().noneMatch(r -> r.metric().equals(metric) && matches(r.attributes(), attributes));
    }

    static PointError error(List<PointError> errors, String pointContains) {
        return errors.stream().filter(e -> e.point().contains(pointContains)).findFirst()
                .orElseThrow(() -> new AssertionError("no point error for " + pointContains + " in " + errors));
    }

    private static boolean matches(Map<String, String> attrs, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(attrs.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
