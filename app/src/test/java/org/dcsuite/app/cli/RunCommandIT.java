package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.dcsuite.core.store.StoreSettings;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up failures of {@code dcsuite run} that need a real store: one line on stderr, exit code 1. */
class RunCommandIT {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = DcsuiteCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void portInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("run", "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()),
                    "--store", "duckdb:" + dir.resolve("t.duckdb"));
            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).startsWith("dcsuite run: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .contains("choose another port with --port").hasLineCount(1);
        }
        // The token was created next to the database, and the store was closed again: it opens.
        assertThat(dir.resolve("api-token")).exists();
        TelemetryStores.open(StoreSettings.of("duckdb:" + dir.resolve("t.duckdb"))).close();
    }

    @Test
    void storeInUseIsOneClearLine() {
        String url = "duckdb:" + dir.resolve("t.duckdb");
        TelemetryStore holder = TelemetryStores.open(StoreSettings.of(url));
        try {
            int code = run("run", "--port", "0", "--store", url);
            assertThat(code).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString()).startsWith("dcsuite run: store: ").contains("t.duckdb").hasLineCount(1);
        } finally {
            holder.close();
        }
        assertThat(dir.resolve("api-token")).doesNotExist();
    }
}
