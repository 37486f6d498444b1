package org.dcsuite.energy.signal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dcsuite.core.series.SeriesKey;
import org.dcsuite.core.series.Unit;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.config.SignalSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carbon-intensity and price signals of every site, each read through its cache and recorded into the
 * store as series. One instance per process keeps the caches shared between reports and API calls.
 */
public final class SiteSignals {

    private static final Logger LOG = LoggerFactory.getLogger(SiteSignals.class);

    private final SignalRecorder recorder;
    private final HttpClient http;
    private final Clock clock;
    private final Map<SignalSpec, CachedSignalSource> sources = new ConcurrentHashMap<>();

    public SiteSignals(TelemetryStore store, HttpClient http, Clock clock) {
        this.recorder = new SignalRecorder(store);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The grid carbon intensity in g CO2/kWh around {@code [from, to]}; empty when none is configured. */
    public Optional<SignalSeries> carbon(EnergySiteConfig site, Instant from, Instant to) throws SignalException {
        if (site.gridCarbon().isEmpty()) {
            return Optional.empty();
        }
        SignalSpec spec = site.gridCarbon().get();
        SignalSeries series = source(spec, SignalKind.CARBON_INTENSITY).read(from.minus(spec.maxAge()), to);
        record(SignalRecorder.carbonKey(site.site()), SignalRecorder.CARBON_UNIT, series, from, to);
        return Optional.of(series);
    }

    /** The electricity price per kWh around {@code [from, to]}; empty when none is configured. */
    public Optional<SignalSeries> price(EnergySiteConfig site, Instant from, Instant to) throws SignalException {
        if (site.price().isEmpty()) {
            return Optional.empty();
        }
        SignalSpec spec = site.price().get();
        SignalSeries series = source(spec, SignalKind.PRICE).read(from.minus(spec.maxAge()), to);
        record(SignalRecorder.priceKey(site.site(), site.currency()), new Unit(site.currency() + "/kW.h"), series,
                from, to);
        return Optional.of(series);
    }

    /** Recording is a convenience for dashboards: a store that refuses it must not cost the report its CO2. */
    private void record(SeriesKey key, Unit unit, SignalSeries series, Instant from, Instant to) {
        try {
            if (series.isConstant()) {
                Instant now = clock.instant();
                recorder.recordConstant(key, unit, series.valueAt(from, Duration.ZERO).orElseThrow(), from,
                        to.isAfter(now) ? now : to);
            } else {
                recorder.record(key, unit, series);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record signal {} into the store: {}", key, e.getMessage());
        }
    }

    /** The cache behind a spec, for its description and read count. */
    public CachedSignalSource source(SignalSpec spec, SignalKind kind) {
        return sources.computeIfAbsent(spec, s -> SignalSources.create(s, kind, http, clock));
    }
}
