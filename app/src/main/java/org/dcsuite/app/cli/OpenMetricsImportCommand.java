package org.dcsuite.app.cli;

import java.io.Console;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.dcsuite.app.importer.ImportProgress;
import org.dcsuite.app.importer.ImportProgressBar;
import org.dcsuite.app.importer.ImportSummary;
import org.dcsuite.app.importer.OpenMetricsImporter;
import org.dcsuite.core.store.TelemetryStore;
import org.dcsuite.core.store.TelemetryStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcsuite import openmetrics FILE}: backfills from OpenMetrics text with timestamps. */
@Command(name = "openmetrics",
        mixinStandardHelpOptions = true,
        description = {
                "Backfills the store from OpenMetrics text with timestamps (the input of "
                        + "'promtool tsdb create-blocks-from openmetrics'). The file is streamed, so it may be "
                        + "larger than memory.",
                "",
                "Names are kept as written: counters keep their _total suffix; histogram and summary "
                        + "_bucket, _count and _sum are separate series with le and quantile labels. # TYPE "
                        + "counter and gauge set the metric kind, # UNIT the unit, # HELP the description. "
                        + "Quoted names ({\"hw.power\",site=\"a\"}) are accepted. Exemplars are ignored.",
                "",
                "Every line is stored or reported: the summary on stdout counts series, samples and "
                        + "samples out of order (stored anyway), and lists skipped lines by reason (syntax "
                        + "errors, samples without timestamp, invalid names, lines after # EOF) with the first "
                        + "few as FILE:LINE: MESSAGE. A progress bar is shown on stderr when on a terminal."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:samples were imported (even if some lines were skipped), or the file holds only # EOF",
                "1:the file cannot be read, the store fails, or no sample could be imported",
                "2:the command line is wrong (unknown flag, unsupported store URL)"})
public final class OpenMetricsImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The OpenMetrics text file, UTF-8.")
    Path file;

    @Mixin
    StoreOption store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        checkReadable(file);
        ImportSummary summary;
        String location;
        try (InputStream in = open(file);
                TelemetryStore target = TelemetryStores.open(store.settings())) {
            location = target.describeLocation();
            ImportProgress progress = onTerminal() ? new ImportProgressBar(err, clock) : ImportProgress.NONE;
            try {
                summary = new OpenMetricsImporter(target, OpenMetricsImporter.DEFAULT_BATCH_SIZE, clock)
                        .importFrom(file.toString(), in, Files.size(file), progress);
            } catch (IOException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        out.print(summary.report(location));
        out.flush();
        if (summary.samples() == 0 && !summary.problems().isEmpty()) {
            err.println("dcsuite import openmetrics: " + file + ": no sample imported");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static void checkReadable(Path file) throws FileNotFoundException {
        if (Files.isDirectory(file)) {
            throw new FileNotFoundException("cannot read " + file + ": it is a folder");
        }
        if (!Files.exists(file)) {
            throw new FileNotFoundException("cannot read " + file + ": no such file");
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new FileNotFoundException("cannot read " + file + ": permission denied");
        }
    }

    /**
     * Whether a progress bar is welcome. JDK 22 and 23 return a console even when output is redirected and
     * added {@code isTerminal()} to tell; it is called reflectively because dcsuite is compiled for Java 21.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
