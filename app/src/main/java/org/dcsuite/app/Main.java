package org.dcsuite.app;

import org.dcsuite.app.cli.DcsuiteCommand;
import picocli.CommandLine;

/** Entry point of {@code dcsuite.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(DcsuiteCommand.commandLine().execute(args));
    }
}
