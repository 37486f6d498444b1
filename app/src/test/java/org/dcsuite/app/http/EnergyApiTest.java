package org.dcsuite.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;
import org.dcsuite.core.config.ConfigException;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the energy API from a configuration folder, and its parameter checks. */
class EnergyApiTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private DcsuiteConfig config(boolean withEnergy) throws Exception {
        Files.writeString(dir.resolve("dcsuite.yaml"), "version: dcsuite/v1\n");
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("sites/a.yaml"), "version: dcsuite/v1\nsite:\n  id: a\n  time_zone: UTC\n");
        if (withEnergy) {
            Files.createDirectories(dir.resolve("energy"));
            Files.writeString(dir.resolve("energy/a.yaml"), """
                    version: dcsuite/v1
                    energy:
                      site: a
                      facility: { meters: [ { series: 'facility.power' } ] }
                      it: { category: 1, meters: [ { series: 'it.power' } ] }
                    """);
        }
        return ConfigLoader.load(dir);
    }

    @Test
    void aConfigurationWithoutEnergyFilesAnswersNotConfigured() throws Exception {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")))) {
            EnergyApi api = EnergyApi.load(config(false), store, CLOCK);

            assertThatThrownBy(() -> api.parse(MultiMap.caseInsensitiveMultiMap().add("start", "now-1h"), CLOCK))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND))
                    .hasMessageContaining("energy is not configured");
        }
    }

    @Test
    void aConfiguredSiteIsParsedWithDefaults() throws Exception {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")))) {
            EnergyApi api = EnergyApi.load(config(true), store, CLOCK);

            EnergyApi.Request r = api.parse(MultiMap.caseInsensitiveMultiMap().add("site", "a").add("start", "now-1h"),
                    CLOCK);

            assertThat(r.site()).hasValue("a");
            assertThat(r.end()).isEqualTo(CLOCK.instant());
            assertThat(r.start()).isEqualTo(CLOCK.instant().minusSeconds(3600));
            assertThat(r.step()).isEmpty();
        }
    }

    @Test
    void anInvalidEnergyFileFailsTheLoad() throws Exception {
        DcsuiteConfig config = config(true);
        Files.writeString(dir.resolve("energy/a.yaml"), "version: dcsuite/v1\nenergy:\n  site: b\n");

        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb")))) {
            assertThatThrownBy(() -> EnergyApi.load(config, store, CLOCK)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("energy/a.yaml:3:9: energy.site: unknown site 'b'");
        }
    }
}
