package org.dcsuite.energy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site meters, from {@code energy/SITE.yaml}: which series are its facility, IT, zone, water, reuse and
 * renewable meters, and where its carbon-intensity and price signals come from.
 *
 * @param file      the file it was read from, relative to the configuration folder
 * @param maxGap    a longer time between two samples of a meter is unmeasured, never bridged
 * @param resolution the width of the integration buckets; at most {@code maxGap}
 */
public record EnergySiteConfig(Path file, String site, Duration maxGap, Duration resolution, MeterGroup facility,
        ItCategory itCategory, MeterGroup it, List<ZoneConfig> zones, Optional<MeterGroup> water,
        Optional<MeterGroup> reuse, Optional<MeterGroup> renewable, Optional<SignalSpec> gridCarbon,
        List<OnsiteSource> onsite, Optional<SignalSpec> price, String currency) {

    /** Five minutes: a few missed polls are bridged, a stopped collector is not. */
    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(5);
    /** One minute: the minute rollups serve long ranges, and day boundaries in any time zone fall on it. */
    public static final Duration DEFAULT_RESOLUTION = Duration.ofMinutes(1);
    /** Used when a price is configured without a currency. */
    public static final String DEFAULT_CURRENCY = "EUR";

    public EnergySiteConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(facility, "facility");
        Objects.requireNonNull(itCategory, "itCategory");
        Objects.requireNonNull(it, "it");
        zones = List.copyOf(zones);
        Objects.requireNonNull(water, "water");
        Objects.requireNonNull(reuse, "reuse");
        Objects.requireNonNull(renewable, "renewable");
        Objects.requireNonNull(gridCarbon, "gridCarbon");
        onsite = List.copyOf(onsite);
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        if (resolution.compareTo(maxGap) > 0) {
            throw new IllegalArgumentException("resolution " + resolution + " is longer than max_gap " + maxGap);
        }
    }
}
