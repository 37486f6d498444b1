package org.dcsuite.app.server;

/** The server could not start (port in use, store locked); the message says what to do about it. */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
