package org.dcsuite.tests.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dcsuite.tests.slo.RequestCounters.Scrape;

/**
 * How far two correct evaluations of {@code sum(rate(bad[W])) / sum(rate(total[W]))} may drift apart because
 * of the window's edges alone, computed from the scraped counters rather than from either engine.
 *
 * <p>Prometheus's {@code rate()} takes the increase between the first and last samples inside {@code (at - W,
 * at]} and extrapolates it to the whole window. Both counters are scraped together, so the extrapolation factor
 * is the same for the bad and the total series and cancels in the ratio: what remains is the error ratio of the
 * scrape intervals lying wholly inside the window. Another engine may attribute the intervals at the edges
 * differently: count the interval straddling the window's start (an increase that partly happened inside the
 * window), or leave out the first or last interval when it reads minute buckets. The envelope is the range of
 * error ratios over every such choice, one interval at most at each edge.
 */
final class WindowEdgeEnvelope {

    private final long[] times;
    // Prefix sums of the per-interval increases; interval i runs from scrape i - 1 to scrape i.
    private final double[] errorSums;
    private final double[] totalSums;

    WindowEdgeEnvelope(List<Scrape> scrapes) {
        int n = scrapes.size();
        times = new long[n];
        errorSums = new double[n];
        totalSums = new double[n];
        for (int i = 0; i < n; i++) {
            Scrape s = scrapes.get(i);
            times[i] = s.timeMillis();
            if (i > 0) {
                Scrape p = scrapes.get(i - 1);
                double errors = increase(p.errors(), s.errors());
                errorSums[i] = errorSums[i - 1] + errors;
                totalSums[i] = totalSums[i - 1] + errors + increase(p.ok(), s.ok());
            }
        }
    }

    /** A counter's increase between two scrapes; a decrease is a restart from zero, as Prometheus assumes. */
    private static double increase(long previous, long next) {
        return next < previous ? next : next - previous;
    }

    /** The error ratio Prometheus computes, and the lowest and highest ratio another edge attribution gives. */
    record Bounds(double prometheusLike, double low, double high) {
    }

    /** @return null when the window holds fewer than four scrapes */
    Bounds at(Instant at, Duration window) {
        int first = firstIndexAfter(at.toEpochMilli() - window.toMillis());
        int last = firstIndexAfter(at.toEpochMilli()) - 1;
        if (last - first < 3 || first < 1) {
            return null;
        }
        double prometheusLike = ratio(first + 1, last);
        double low = prometheusLike;
        double high = prometheusLike;
        for (int from = first; from <= first + 2; from++) {
            for (int to = last - 1; to <= last; to++) {
                double r = ratio(from, to);
                low = Math.min(low, r);
                high = Math.max(high, r);
            }
        }
        return new Bounds(prometheusLike, low, high);
    }

    /** The error ratio over intervals {@code from..to}, inclusive. */
    private double ratio(int from, int to) {
        return (errorSums[to] - errorSums[from - 1]) / (totalSums[to] - totalSums[from - 1]);
    }

    private int firstIndexAfter(long millis) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
