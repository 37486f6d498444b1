package org.dcsuite.core.store;

/**
 * A store operation failed. {@link #retryable()} tells whether the same call may succeed later (the store
 * is down or busy) or will fail again (bad input, schema mismatch).
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public StoreException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public StoreException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
