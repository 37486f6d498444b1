package org.dcsuite.slo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The burn-rate windows every status reports, keyed as in the API. */
public final class BurnWindows {

    /** In reporting order. */
    public static final Map<String, Duration> ALL = windows();

    private BurnWindows() {
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("5m", Duration.ofMinutes(5));
        m.put("30m", Duration.ofMinutes(30));
        m.put("1h", Duration.ofHours(1));
        m.put("2h", Duration.ofHours(2));
        m.put("6h", Duration.ofHours(6));
        m.put("1d", Duration.ofDays(1));
        m.put("3d", Duration.ofDays(3));
        return java.util.Collections.unmodifiableMap(m);
    }
}
