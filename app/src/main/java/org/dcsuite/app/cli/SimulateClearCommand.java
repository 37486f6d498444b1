package org.dcsuite.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcsuite simulate clear DEVICE}: ends every fault of a device (or the lost feeds of a site) now. */
@Command(name = "clear",
        description = "Ends now every fault of a device, or every lost feed of a site, in a running `dcsuite simulate`.")
final class SimulateClearCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id or site id")
    String device;

    @Mixin
    SimulateControlClient client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        client.send("DELETE", SimulateControlClient.faultsOf(device), null);
        PrintWriter out = spec.commandLine().getOut();
        out.println("cleared every fault of " + device);
        out.flush();
        return ExitCodes.OK;
    }
}
