package org.dcsuite.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dcsuite energy}: energy KPIs from the store; see {@code docs/energy.md}. */
@Command(name = "energy",
        mixinStandardHelpOptions = true,
        description = "Energy KPIs (PUE, pPUE, CUE, WUE, ERE, ERF, REF) from measured series, with coverage.",
        subcommands = {EnergyReportCommand.class})
public final class EnergyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use report");
    }
}
