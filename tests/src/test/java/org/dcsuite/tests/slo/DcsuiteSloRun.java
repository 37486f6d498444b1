package org.dcsuite.tests.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dcsuite.app.cli.DcsuiteCommand;
import org.dcsuite.app.importer.ImportProgress;
import org.dcsuite.app.importer.ImportSummary;
import org.dcsuite.app.importer.OpenMetricsImporter;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.dcsuite.slo.SloDefinitions;
import org.dcsuite.slo.SloEngine;
import org.dcsuite.slo.SloStatus;

/**
 * dcsuite's side of the comparison, used as an operator would: the OpenMetrics file imported into a DuckDB
 * store, the OpenSLO file in {@code config/slos/}, the engine evaluated at each time in order, and
 * {@code dcsuite slo status} run once through the command line.
 */
final class DcsuiteSloRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configDir;
    private final String storeUrl;

    DcsuiteSloRun(Path work) throws IOException {
        this.configDir = work.resolve("config");
        this.storeUrl = "duckdb:" + work.resolve("dcsuite.duckdb");
        Path slos = Files.createDirectories(configDir.resolve("slos"));
        try (InputStream in = DcsuiteSloRun.class.getClassLoader().getResourceAsStream("slo/checkout.yaml")) {
            Files.copy(in, slos.resolve("checkout.yaml"));
        }
    }

    /** Imports the file as {@code dcsuite import openmetrics} does; the importer refreshes the rollups at its end. */
    ImportSummary importOpenMetrics(Path file) throws IOException {
        try (TelemetryStore store = open(); InputStream in = Files.newInputStream(file)) {
            return new OpenMetricsImporter(store, OpenMetricsImporter.DEFAULT_BATCH_SIZE, Clock.systemUTC())
                    .importFrom(file.toString(), in, Files.size(file), ImportProgress.NONE);
        }
    }

    /**
     * Evaluates the SLO at every time with one engine, so its incremental state carries from one time to the
     * next as in a running server. The store is closed afterwards, freeing the DuckDB file for the command line.
     */
    NavigableMap<Instant, SloStatus> evaluate(List<Instant> times) throws Exception {
        NavigableMap<Instant, SloStatus> out = new TreeMap<>();
        try (TelemetryStore store = open()) {
            SloEngine engine = new SloEngine(store, SloDefinitions.load(configDir));
            for (Instant at : times) {
                List<SloStatus> statuses = engine.evaluate(at);
                if (statuses.size() != 1) {
                    throw new IllegalStateException("expected the one SLO of " + configDir + " at " + at + ", got " + statuses);
                }
                out.put(at, statuses.get(0));
            }
        }
        return out;
    }

    /** {@code dcsuite slo status --format json} at one time, run in-process as {@code Main} runs it. */
    JsonNode cliStatus(Instant at) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = DcsuiteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("slo", "status", "--config", configDir.toString(), "--store", storeUrl,
                "--at", at.toString(), "--format", "json");
        if (code != 0) {
            throw new IllegalStateException("dcsuite slo status exited with " + code + ": " + err);
        }
        return JSON.readTree(out.toString());
    }

    private TelemetryStore open() {
        return TelemetryStores.open(StoreSettings.of(storeUrl));
    }
}
