package org.dcsuite.energy.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.energy.config.EnergySiteConfig;
import org.dcsuite.energy.config.ItCategory;
import org.dcsuite.energy.config.MeterGroup;
import org.dcsuite.energy.config.OnsiteSource;
import org.dcsuite.energy.config.SignalSpec;
import org.dcsuite.energy.config.ZoneConfig;

/** Builds site configurations for reporter tests without YAML. */
final class TestSites {

    Duration maxGap = EnergySiteConfig.DEFAULT_MAX_GAP;
    Duration resolution = EnergySiteConfig.DEFAULT_RESOLUTION;
    MeterGroup facility = MeterGroup.of("facility.power");
    ItCategory category = ItCategory.UPS_OUTPUT;
    MeterGroup it = MeterGroup.of("it.power");
    List<ZoneConfig> zones = new ArrayList<>();
    Optional<MeterGroup> water = Optional.empty();
    Optional<MeterGroup> reuse = Optional.empty();
    Optional<MeterGroup> renewable = Optional.empty();
    Optional<SignalSpec> carbon = Optional.empty();
    List<OnsiteSource> onsite = new ArrayList<>();
    Optional<SignalSpec> price = Optional.empty();

    EnergySiteConfig build() {
        return new EnergySiteConfig(Path.of("energy/test.yaml"), "test", maxGap, resolution, facility, category, it,
                zones, water, reuse, renewable, carbon, onsite, price, "EUR");
    }
}
