package org.dcsuite.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code dcsuite simulate faults}: lists the faults active or to come in the running simulator. */
@Command(name = "faults",
        description = "Lists the faults active or still to come in a running `dcsuite simulate`; ended ones drop out.")
final class SimulateFaultsCommand implements Callable<Integer> {

    @Mixin
    SimulateControlClient client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode faults = client.send("GET", "/faults", null).orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        if (faults.isEmpty()) {
            out.println("no faults");
        }
        for (JsonNode f : faults) {
            out.println(SimulateFaultCommand.describe(f));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
