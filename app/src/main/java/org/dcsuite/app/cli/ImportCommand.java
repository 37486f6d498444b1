package org.dcsuite.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dcsuite import}: backfills the store from files; one subcommand per file format. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = "Backfills the store from a file. Formats: openmetrics.",
        subcommands = OpenMetricsImportCommand.class)
public final class ImportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing format: use 'dcsuite import openmetrics FILE'");
    }
}
