package org.dcsuite.app.cli;

/** Process exit codes shared by every command. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran but failed (invalid configuration, store or device unreachable). */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown flag, bad selector, time, duration or store URL. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
