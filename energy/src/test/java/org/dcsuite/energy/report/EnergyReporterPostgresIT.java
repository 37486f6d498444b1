package org.dcsuite.energy.report;

import org.dcsuite.energy.EnergyStoreFixture;
import org.dcsuite.storage.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every reporter case again on PostgreSQL, one fresh schema per test: energy integration reads only the store
 * contract, so both stores must give the same hand-derived figures.
 */
class EnergyReporterPostgresIT extends EnergyReporterTest {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void connect() {
        database = PostgresTestDatabase.connectOrSkip();
    }

    @AfterAll
    static void dropSchemas() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    EnergyStoreFixture openStore() {
        return new EnergyStoreFixture(database.newSchemaUrl());
    }
}
