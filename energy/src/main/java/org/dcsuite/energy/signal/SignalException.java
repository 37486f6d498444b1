package org.dcsuite.energy.signal;

import java.io.Serial;

/**
 * A signal could not be read: a malformed file (the message names file and line), an HTTP error, a payload
 * in an unknown unit. {@link #retryable()} says whether trying again later may succeed (HTTP 429 and 5xx,
 * network errors), as Alertmanager's notifiers do.
 */
public final class SignalException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public SignalException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SignalException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
