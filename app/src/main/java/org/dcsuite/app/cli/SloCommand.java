package org.dcsuite.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dcsuite slo}: the SLO engine's commands. */
@Command(name = "slo",
        mixinStandardHelpOptions = true,
        description = "Service level objectives: error budgets, burn rates and alert states (see docs/slo.md).",
        subcommands = {SloStatusCommand.class, CommandLine.HelpCommand.class})
public final class SloCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use status");
    }
}
