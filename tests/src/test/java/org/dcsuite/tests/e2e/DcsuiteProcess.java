package org.dcsuite.tests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code dcsuite.jar} as a separate process, the way users run it, and collects its output. Public for the
 * browser tests in {@code org.dcsuite.tests.browser}.
 */
public final class DcsuiteProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outPump;
    private final Thread errPump;

    private DcsuiteProcess(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("dcsuite.jar", "../app/target/dcsuite.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
        return jar;
    }

    /** Starts {@code java -jar dcsuite.jar ARGS} with the JVM running the tests (a JDK 21+). */
    public static DcsuiteProcess start(Path workDir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new DcsuiteProcess(pb.start());
    }

    /** Runs a command to completion. */
    public static Result run(Path workDir, Duration timeout, String... args) throws Exception {
        try (DcsuiteProcess p = start(workDir, args)) {
            return p.waitFor(timeout);
        }
    }

    public Result waitFor(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dcsuite did not finish within " + timeout + "; stdout: " + out + " stderr: " + err);
        }
        outPump.join(5000);
        errPump.join(5000);
        return new Result(process.exitValue(), List.copyOf(out), List.copyOf(err));
    }

    /** Waits for a line on stdout or stderr that satisfies the predicate, failing if the process exits first. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (List<String> lines : List.of(out, err)) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("dcsuite exited with " + process.exitValue() + "; stdout: " + out + " stderr: " + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no expected line within " + timeout + "; stdout: " + out + " stderr: " + err);
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit. */
    public Result terminate(Duration timeout) throws Exception {
        process.destroy();
        return waitFor(timeout);
    }

    public List<String> stdout() {
        return out;
    }

    public List<String> stderr() {
        return err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static Thread pump(InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException e) {
                sink.add("<output closed: " + e.getMessage() + ">");
            }
        }, "dcsuite-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public record Result(int exitCode, List<String> stdout, List<String> stderr) {
        public String out() {
            return String.join("\n", stdout);
        }

        public String err() {
            return String.join("\n", stderr);
        }
    }
}
