package org.dcsuite.slo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;

/** A real DuckDB store in a test folder, with helpers that write synthetic series. */
final class SloTestStore implements AutoCloseable {

    static final long MINUTE = 60_000;

    final TelemetryStore store;

    SloTestStore(Path dir) {
        this.store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("slo.duckdb")));
    }

    /**
     * Writes a counter sampled every {@code step} from {@code from} to {@code to} inclusive whose value at
     * each sample time is {@code value(t)} (epoch milliseconds).
     */
    void series(SeriesKey key, Instant from, Instant to, Duration step, LongToDoubleFunction value) {
        List<Sample> batch = new ArrayList<>();
        for (long t = from.toEpochMilli(); t <= to.toEpochMilli(); t += step.toMillis()) {
            batch.add(new Sample(key, t, value.applyAsDouble(t)));
            if (batch.size() == 50_000) {
                store.append(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.append(batch);
        }
    }

    /** A counter sampled once a minute, on the minute, as the running sum of {@code perMinute(minute)}. */
    void minuteCounter(SeriesKey key, Instant from, Instant to, LongToDoubleFunction perMinute) {
        List<Sample> batch = new ArrayList<>();
        double value = 0;
        for (long m = from.toEpochMilli() / MINUTE; m <= to.toEpochMilli() / MINUTE; m++) {
            value += perMinute.applyAsDouble(m);
            batch.add(new Sample(key, m * MINUTE, value));
        }
        store.append(batch);
    }

    @Override
    public void close() {
        store.close();
    }
}
