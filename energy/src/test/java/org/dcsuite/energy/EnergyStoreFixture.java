package org.dcsuite.energy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.dcsuite.core.series.MetricDescriptor;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;

/** A real store (DuckDB in a temporary folder unless given a URL), with helpers to write sampled series. */
public final class EnergyStoreFixture implements AutoCloseable {

    private final TelemetryStore store;

    public EnergyStoreFixture(Path dir) {
        this("duckdb:" + dir.resolve("energy.duckdb"));
    }

    /** Any store URL, such as a PostgreSQL schema of {@code PostgresTestDatabase}. */
    public EnergyStoreFixture(String url) {
        this.store = TelemetryStores.open(StoreSettings.of(url));
    }

    public TelemetryStore store() {
        return store;
    }

    /** Describes the metric and writes one sample every {@code every} in {@code [from, to]}, valued by time. */
    public void write(String metric, Unit unit, MetricKind kind, SeriesKey key, Instant from, Instant to,
            Duration every, LongToDoubleFunction valueAtMillis) {
        store.describe(new MetricDescriptor(metric, unit, kind, ""));
        List<Sample> samples = new ArrayList<>();
        for (long t = from.toEpochMilli(); t <= to.toEpochMilli(); t += every.toMillis()) {
            double v = valueAtMillis.applyAsDouble(t);
            if (!Double.isNaN(v)) {
                samples.add(new Sample(key, t, v));
            }
            if (samples.size() == 5000) {
                store.append(samples);
                samples.clear();
            }
        }
        store.append(samples);
    }

    /** A power gauge in W. */
    public void power(SeriesKey key, Instant from, Instant to, Duration every, LongToDoubleFunction watts) {
        write(key.metric(), Unit.WATT, MetricKind.GAUGE, key, from, to, every, watts);
    }

    /** A counter in the given unit. */
    public void counter(SeriesKey key, Unit unit, Instant from, Instant to, Duration every,
            LongToDoubleFunction value) {
        write(key.metric(), unit, MetricKind.COUNTER, key, from, to, every, value);
    }

    @Override
    public void close() {
        store.close();
    }
}
