package org.dcsuite.dashboard.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.slo.SloDefinitions;

/**
 * SLOs over {@link org.dcsuite.dashboard.TestFleet}'s sites, read by the real loader from a {@code slos/} folder, and
 * hand-written {@code slo.*} series as the server's SLO evaluation writes them (docs/slo.md).
 */
final class SloFixture {

    static final String YAML = """
            version: dcsuite/v1
            slos:
              - name: checkout-latency
                service: checkout
                description: Checkout pages answer fast.
                objective: 0.99
                window: 30d
                sli:
                  latency:
                    histogram: 'trace.duration.bucket{service="checkout"}'
                    le: 0.25
                    segments: { dns: 20ms, connect: 30ms, storage: 100ms }
              - name: lyon-inlet
                service: lyon
                objective: 0.999
                window: 30d
                sli:
                  threshold: { query: 'hw.temperature{site="lyon"}', op: lte, value: 27 }
              - name: oslo-power
                service: power
                objective: 0.9999
                window: 30d
                sli:
                  threshold: { query: 'dcsuite.device.up{site="oslo"}', op: gte, value: 1 }
            composites:
              - name: checkout-overall
                service: checkout
                objective: 0.99
                components: [{slo: checkout-latency}]
            """;

    private SloFixture() {
    }

    /** Loads {@link #YAML} with the real loader from {@code dir/config/slos/}. */
    static SloDefinitions definitions(Path dir) {
        Path config = dir.resolve("config");
        try {
            Files.createDirectories(config.resolve("slos"));
            Files.writeString(config.resolve("slos/test.yaml"), YAML);
            return SloDefinitions.load(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One evaluation at {@code t}: checkout-latency burns its budget fast (1h above the page threshold 14.4, page
     * firing), lyon-inlet has overspent (ticket firing), oslo-power is at 30 % (amber), the composite at 15 % (red).
     */
    static List<Sample> evaluation(Instant t) {
        List<Sample> out = new ArrayList<>();
        slo(out, t, "checkout-latency", "checkout", 0.9993, 0.99, 0.72, new double[] {15.0, 2.0, 0.5, 0.8}, 1, 0);
        slo(out, t, "lyon-inlet", "lyon", 0.998, 0.999, -0.35, new double[] {0.9, 1.2, 3.5, 1.4}, 0, 1);
        slo(out, t, "oslo-power", "power", 0.99995, 0.9999, 0.30, new double[] {0.2, 0.4, 0.6, 0.7}, 0, 0);
        slo(out, t, "checkout-overall", "checkout", 0.999, 0.99, 0.15, new double[] {0.1, 0.1, 0.1, 0.1}, 0, 0);
        return out;
    }

    /** Segment quantiles of checkout on two routes: the slower route is the one shown. */
    static List<Sample> segments(Instant t) {
        List<Sample> out = new ArrayList<>();
        segment(out, t, "/cart", "dns", 0.012, 0.018);
        segment(out, t, "/pay", "dns", 0.015, 0.025);
        segment(out, t, "/pay", "storage", 0.080, 0.095);
        segment(out, t, "/pay", "auth", 0.030, 0.045);
        return out;
    }

    private static void segment(List<Sample> out, Instant t, String route, String segment, double p95, double p99) {
        out.add(Sample.of(SeriesKey.of("trace.segment.duration.quantile", "service", "checkout", "route", route,
                "segment", segment, "quantile", "0.95"), t, p95));
        out.add(Sample.of(SeriesKey.of("trace.segment.duration.quantile", "service", "checkout", "route", route,
                "segment", segment, "quantile", "0.99"), t, p99));
    }

    private static void slo(List<Sample> out, Instant t, String name, String service, double sli, double objective,
            double budget, double[] burn, int page, int ticket) {
        out.add(Sample.of(SeriesKey.of("slo.sli", "slo", name, "service", service), t, sli));
        out.add(Sample.of(SeriesKey.of("slo.objective", "slo", name, "service", service), t, objective));
        out.add(Sample.of(SeriesKey.of("slo.error_budget.remaining", "slo", name, "service", service), t, budget));
        String[] windows = {"1h", "6h", "1d", "3d"};
        for (int i = 0; i < windows.length; i++) {
            out.add(Sample.of(SeriesKey.of("slo.burn_rate", "slo", name, "service", service, "window", windows[i]), t,
                    burn[i]));
        }
        out.add(Sample.of(SeriesKey.of("slo.alert.firing", "slo", name, "service", service, "tier", "page"), t, page));
        out.add(Sample.of(SeriesKey.of("slo.alert.firing", "slo", name, "service", service, "tier", "ticket"), t,
                ticket));
    }
}
