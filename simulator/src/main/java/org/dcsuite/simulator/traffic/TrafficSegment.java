package org.dcsuite.simulator.traffic;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The latency segments a simulated request spends its time in, named as the OTLP receiver's default segment rules
 * name them, in the order a request goes through them. Each but {@link #APP} is written as one child span shaped so
 * that those rules classify it into the segment; {@link #APP} is the entry span's own time.
 */
enum TrafficSegment {
    DNS,
    CONNECT,
    AUTH,
    STORAGE,
    RENDER,
    DOWNSTREAM,
    APP;

    /** The name in {@code traffic.yaml} and in the receiver's {@code segment} label. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(TrafficSegment::id).toList();
    }
}
