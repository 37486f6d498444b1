package org.dcsuite.app.cli;

/** A user error on the command line; reported as one line on stderr with exit code {@link ExitCodes#USAGE}. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
