package org.dcsuite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = DcsuiteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unsupportedStoreUrlIsAUsageError() {
        int code = run("run", "--store", "mysql://db/telemetry", "--port", "0");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("dcsuite run: unsupported store URL 'mysql://db/telemetry'").hasLineCount(1);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void invalidConfigurationListsEveryProblemAndExitsWithOne() throws Exception {
        Path config = Files.createDirectory(dir.resolve("config"));
        int code = run("run", "--config", config.toString(), "--store", "duckdb:" + dir.resolve("t.duckdb"));
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).startsWith("dcsuite run: invalid configuration in " + config + ":\n  dcsuite.yaml: ")
                .contains("not found");
        assertThat(dir.resolve("t.duckdb")).doesNotExist();
    }

    @Test
    void freeDemoPortsAreForTheBundledDemoOnly() throws Exception {
        Path config = Files.createDirectory(dir.resolve("config"));
        int code = run("run", "--demo-ports", "free", "--config", config.toString(), "--store",
                "duckdb:" + dir.resolve("t.duckdb"));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("dcsuite run: --demo-ports free applies to the bundled demo, not to "
                + "--config " + config + "\n");

        err.getBuffer().setLength(0);
        assertThat(run("run", "--demo-ports", "random", "--store", "duckdb:" + dir.resolve("t.duckdb")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("dcsuite run: --demo-ports: unknown value 'random': use fixed or free\n");
        assertThat(dir.resolve("t.duckdb")).doesNotExist();
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        int code = run("run", "--port", "70000", "--store", "duckdb:" + dir.resolve("t.duckdb"));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("dcsuite run: --port 70000 is out of range 0-65535\n");
    }

    @Test
    void helpDocumentsAuthentication() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--store=URL", "--port=N", "--bind=ADDRESS", "--config=DIR",
                "Authorization: Bearer TOKEN", "api-token");
    }

    @Test
    void tokenFileLivesNextToTheDuckDbDatabase() {
        assertThat(RunCommand.tokenDirectory("duckdb:" + dir.resolve("db/t.duckdb"))).isEqualTo(dir.resolve("db"));
        assertThat(RunCommand.tokenDirectory("jdbc:postgresql://h/db")).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(RunCommand.tokenDirectory("duckdb::memory:")).isEqualTo(Path.of("data").toAbsolutePath());
    }
}
