package org.dcsuite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both providers are found through ServiceLoader by URL; PostgreSQL opening is covered by PostgresTelemetryStoreIT. */
class TelemetryStoresTest {

    @Test
    void aDuckDbUrlOpensTheEmbeddedStore(@TempDir Path dir) {
        try (TelemetryStore store = TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("a.duckdb")))) {
            assertThat(store).isInstanceOf(DuckDbTelemetryStore.class);
        }
    }

    @Test
    void providersAcceptTheirOwnUrlsOnly() {
        assertThat(new DuckDbStoreProvider().accepts("duckdb:./data/x.duckdb")).isTrue();
        assertThat(new DuckDbStoreProvider().accepts("jdbc:postgresql://h/db")).isFalse();
        assertThat(new PostgresStoreProvider().accepts("jdbc:postgresql://h/db")).isTrue();
        assertThat(new PostgresStoreProvider().accepts("duckdb:x")).isFalse();
    }

    @Test
    void anUnknownUrlNamesTheAcceptedFormsAndTheProviders() {
        assertThatThrownBy(() -> TelemetryStores.open(StoreSettings.of("influx://h:8086?password=secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duckdb:PATH")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("duckdb")
                .hasMessageContaining("postgresql")
                .hasMessageNotContaining("secret");
    }
}
