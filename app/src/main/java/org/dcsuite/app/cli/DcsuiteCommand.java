package org.dcsuite.app.cli;

import java.io.PrintWriter;
import org.dcsuite.core.select.SelectorSyntaxException;
import org.dcsuite.core.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dcsuite} root command. Errors become one line on stderr: usage errors (bad flags, selectors,
 * times, store URLs) exit with {@link ExitCodes#USAGE}, failures while running with {@link ExitCodes#FAILED}.
 */
@Command(name = "dcsuite",
        mixinStandardHelpOptions = true,
        versionProvider = DcsuiteCommand.Version.class,
        description = "Datacenter telemetry, SRE and energy management.",
        subcommands = {
                RunCommand.class,
                ValidateCommand.class,
                ImportCommand.class,
                QueryCommand.class,
                ProbeCommand.class,
                SimulateCommand.class,
                HashPasswordCommand.class,
                EnergyCommand.class,
                SloCommand.class,
                CommandLine.HelpCommand.class
        })
public final class DcsuiteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use run, validate, import, query, probe, simulate, hash-password, energy or slo");
    }

    /** A command line with dcsuite's error handling and exit codes. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DcsuiteCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(DcsuiteCommand::onParameterError);
        cl.setExecutionExceptionHandler(DcsuiteCommand::onExecutionError);
        return cl;
    }

    private static int onParameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("dcsuite: " + e.getMessage());
        err.println("Try 'dcsuite " + commandPath(e.getCommandLine()) + "--help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        int code;
        if (e instanceof UsageException || e instanceof SelectorSyntaxException
                || e instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
        } else {
            code = ExitCodes.FAILED;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof StoreException) {
            message = "store: " + message;
        }
        err.println("dcsuite " + cl.getCommandName() + ": " + message);
        err.flush();
        return code;
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    /** Reads the version from the jar manifest (absent when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DcsuiteCommand.class.getPackage().getImplementationVersion();
            return new String[] {"dcsuite " + (v == null ? "development build" : v)};
        }
    }
}
