package org.dcsuite.app.promql;

/** A query that parsed but cannot be answered as asked (Prometheus's {@code execution} error type). */
public final class PromqlExecutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromqlExecutionException(String message) {
        super(message);
    }
}
