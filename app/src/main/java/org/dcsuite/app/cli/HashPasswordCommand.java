package org.dcsuite.app.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.dcsuite.core.security.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dcsuite hash-password}: turns a password into the {@code password_hash} a dashboard user needs, so plain
 * passwords never go into configuration files. The password is read without echo from a terminal, or as the first
 * line of standard input, never from the command line (where shell history and {@code ps} would keep it).
 */
@Command(name = "hash-password",
        mixinStandardHelpOptions = true,
        description = {
                "Reads a password (twice, without echo, from the terminal; or with --stdin the first line of standard "
                        + "input) and prints its PBKDF2-HMAC-SHA256 hash for dashboard.users[].password_hash in "
                        + "dcsuite.yaml.",
                "Example: dcsuite hash-password --stdin < password.txt"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:hash printed", "2:no password given, or it is empty"})
public final class HashPasswordCommand implements Callable<Integer> {

    /** Shorter passwords are refused: a hash does not make a weak password strong. */
    static final int MIN_LENGTH = 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--stdin", description = "Read the password from the first line of standard input")
    boolean stdin;

    @Override
    public Integer call() {
        char[] password = stdin ? readStdin() : readConsole();
        try {
            if (password.length < MIN_LENGTH) {
                throw new UsageException("the password must have at least " + MIN_LENGTH + " characters");
            }
            spec.commandLine().getOut().println(PasswordHash.create(password).encoded());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] readConsole() {
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no terminal to read the password from: use --stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || again == null) {
            throw new UsageException("no password given");
        }
        boolean same = Arrays.equals(first, again);
        Arrays.fill(again, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new UsageException("the two passwords differ");
        }
        return first;
    }

    private static char[] readStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new UsageException("no password given on standard input");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }
}
