package org.dcsuite.energy.meter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.select.SeriesSelector;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.store.Aggregation;
import org.dcsuite.core.store.Point;
import org.dcsuite.core.store.RangeQuery;
import org.dcsuite.core.store.RangeSeries;
import org.dcsuite.core.store.SeriesInfo;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.config.MeterSpec;

/**
 * Turns what meters report into energy (kWh) or water (L) per bucket of a grid.
 *
 * <p><b>Power gauges</b> (W, kW) are integrated with the right-endpoint rule: a sample's power stands for the
 * time since the previous sample, which matches the store's {@code (t - step, t]} windows. A bucket holding
 * samples contributes their mean power times the bucket width; empty buckets between two samples at most
 * {@code maxGap} apart take the power of the later sample; a longer silence is a gap, left unmeasured and
 * listed. Exact for constant loads and for changes on bucket edges; otherwise the error is at most one bucket
 * width times the change.
 *
 * <p><b>Counters</b> (J, W.h, kW.h, MW.h; L, m3 for water) are read as the last value in each bucket and
 * differenced. A decrease is a reset to zero (what was counted since is the new value), or, when the meter
 * declares {@code wraps_at} and the previous value was in the upper half of that range, a wrap. An increase
 * over several buckets at most {@code maxGap} wide is spread evenly over them; across a longer gap it is
 * listed on the gap as unattributed.
 *
 * <p>The store is read from {@code maxGap} (plus one bucket) before the grid to {@code maxGap} after it, so
 * bridging and counter differences at the edges see the neighbouring samples.
 */
public final class MeterIntegrator {

    /** Stays under the store's per-query point limit with room to spare. */
    private static final int MAX_POINTS_PER_QUERY = 10_000;

    private final TelemetryStore store;

    public MeterIntegrator(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The group's meters summed; a bucket is measured when every meter is. */
    public Measured integrate(MeterGroup group, IntegrationGrid grid, Duration maxGap, boolean water) {
        List<Measured> meters = new ArrayList<>();
        for (MeterSpec meter : group.meters()) {
            meters.add(integrate(meter, grid, maxGap, water));
        }
        return Measured.sum(meters);
    }

    /** One meter: every series its selector matches, summed, times its scale. */
    public Measured integrate(MeterSpec meter, IntegrationGrid grid, Duration maxGap, boolean water) {
        String name = meter.selector().toString();
        List<SeriesInfo> matched = store.series(List.of(meter.selector()));
        if (matched.isEmpty()) {
            return Measured.missing(grid.count(), "meter " + name + ": no series matches");
        }
        long width = grid.widthMillis();
        long maxGapMillis = maxGap.toMillis();
        int margin = (int) ((maxGapMillis + width - 1) / width) + 1;
        IntegrationGrid wide = grid.widened(margin, margin);
        // One query per aggregation for all the meter's series: a PDU meter matches a hundred outlets or more.
        Map<Aggregation, Map<SeriesKey, double[]>> read = new EnumMap<>(Aggregation.class);
        List<Measured> parts = new ArrayList<>();
        for (SeriesInfo info : matched) {
            Optional<MeterUnit> unit = MeterUnit.of(info.unit());
            if (unit.isEmpty()) {
                parts.add(Measured.missing(grid.count(), "meter " + name + ": series " + info.series()
                        + " has unit '" + info.unit() + "'; a meter must be " + MeterUnit.ACCEPTED));
                continue;
            }
            if (unit.get().isWater() != water) {
                parts.add(Measured.missing(grid.count(), "meter " + name + ": series " + info.series() + " is in "
                        + info.unit() + (water ? ", not a water volume (L, m3)" : ", not power or energy")));
                continue;
            }
            boolean power = unit.get().kind == MeterUnit.Kind.POWER;
            Aggregation aggregation = power ? Aggregation.AVG : Aggregation.LAST;
            double[] values = read.computeIfAbsent(aggregation, a -> read(meter.selector(), wide, a))
                    .getOrDefault(info.series(), empty(wide));
            Series s = new Series(name, info.series(), wide, margin, grid.count(), maxGapMillis);
            if (power) {
                s.integratePower(values, unit.get().toBase * grid.widthHours());
            } else {
                s.differenceCounter(values, unit.get().toBase, meter.wrapsAt());
            }
            parts.add(s.result());
        }
        return Measured.sum(parts).scaled(meter.scale());
    }

    private static double[] empty(IntegrationGrid wide) {
        double[] values = new double[wide.count()];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /** The aggregation per bucket of the wide grid for every matched series; NaN where a bucket holds no sample. */
    private Map<SeriesKey, double[]> read(SeriesSelector selector, IntegrationGrid wide, Aggregation aggregation) {
        Map<SeriesKey, double[]> out = new HashMap<>();
        Duration step = Duration.ofMillis(wide.widthMillis());
        for (int first = 0; first < wide.count(); first += MAX_POINTS_PER_QUERY) {
            int last = Math.min(wide.count(), first + MAX_POINTS_PER_QUERY) - 1;
            // The point labelled t aggregates (t - step, t]: bucket i ends at edge i + 1.
            RangeQuery query = RangeQuery.of(selector, Instant.ofEpochMilli(wide.edgeMillis(first + 1)),
                    Instant.ofEpochMilli(wide.edgeMillis(last + 1)), step, aggregation);
            for (RangeSeries rs : store.query(query)) {
                double[] values = out.computeIfAbsent(rs.series(), k -> empty(wide));
                for (Point p : rs.points()) {
                    int bucket = wide.indexOfEdge(p.timeMillis()) - 1;
                    if (bucket >= 0 && bucket < values.length) {
                        values[bucket] = p.value();
                    }
                }
            }
        }
        return out;
    }

    /** The integration state of one series over the wide grid; the report grid is {@code [margin, margin+n)}. */
    private static final class Series {
        private final String meter;
        private final SeriesKey key;
        private final IntegrationGrid wide;
        private final int margin;
        private final int n;
        private final long maxGapMillis;
        private final double[] amount;
        private final BitSet measured;
        private final List<MeterGap> gaps = new ArrayList<>();

        Series(String meter, SeriesKey key, IntegrationGrid wide, int margin, int n, long maxGapMillis) {
            this.meter = meter;
            this.key = key;
            this.wide = wide;
            this.margin = margin;
            this.n = n;
            this.maxGapMillis = maxGapMillis;
            this.amount = new double[wide.count()];
            this.measured = new BitSet(wide.count());
        }

        void integratePower(double[] power, double toEnergy) {
            int previous = -1;
            for (int j = 0; j < power.length; j++) {
                if (Double.isNaN(power[j])) {
                    continue;
                }
                double energy = power[j] * toEnergy;
                if (previous >= 0 && bridgeable(previous, j)) {
                    fill(previous + 1, j + 1, energy);
                } else {
                    gap(previous + 1, j, OptionalDouble.empty());
                    fill(j, j + 1, energy);
                }
                previous = j;
            }
            gap(previous + 1, power.length, OptionalDouble.empty());
        }

        void differenceCounter(double[] counter, double toBase, OptionalDouble wrapsAt) {
            int previous = -1;
            for (int j = 0; j < counter.length; j++) {
                if (Double.isNaN(counter[j])) {
                    continue;
                }
                if (previous < 0) {
                    // The first reading only starts the count: the bucket it falls in has no known increase.
                    gap(0, j + 1, OptionalDouble.empty());
                } else {
                    double increase = increase(counter[previous], counter[j], wrapsAt) * toBase;
                    if (bridgeable(previous, j)) {
                        fill(previous + 1, j + 1, increase / (j - previous));
                    } else {
                        gap(previous + 1, j + 1, OptionalDouble.of(increase));
                    }
                }
                previous = j;
            }
            gap(Math.max(previous + 1, 0), counter.length, OptionalDouble.empty());
        }

        private static double increase(double before, double after, OptionalDouble wrapsAt) {
            if (after >= before) {
                return after - before;
            }
            if (wrapsAt.isPresent() && before > wrapsAt.getAsDouble() / 2) {
                return wrapsAt.getAsDouble() - before + after;
            }
            return after;
        }

        private boolean bridgeable(int previous, int j) {
            return (long) (j - previous) * wide.widthMillis() <= maxGapMillis;
        }

        private void fill(int from, int to, double perBucket) {
            for (int i = from; i < to; i++) {
                amount[i] = perBucket;
            }
            measured.set(from, to);
        }

        /** Records buckets {@code [from, to)} as unmeasured, clipped to the report grid. */
        private void gap(int from, int to, OptionalDouble unattributed) {
            int a = Math.max(from, margin);
            int b = Math.min(to, margin + n);
            if (a >= b) {
                return;
            }
            gaps.add(new MeterGap(meter, key, Instant.ofEpochMilli(wide.edgeMillis(a)),
                    Instant.ofEpochMilli(wide.edgeMillis(b)), unattributed));
        }

        Measured result() {
            double[] out = Arrays.copyOfRange(amount, margin, margin + n);
            BitSet inside = measured.get(margin, margin + n);
            return new Measured(out, inside, List.of(key.toString()), gaps, List.of());
        }
    }
}
