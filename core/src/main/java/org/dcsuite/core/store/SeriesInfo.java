package org.dcsuite.core.store;

import java.util.Objects;
import org.dcsuite.core.series.MetricKind;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;

/** A stored series with the metadata its metric was described with. */
public record SeriesInfo(SeriesKey series, Unit unit, MetricKind kind) {

    public SeriesInfo {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
    }
}
