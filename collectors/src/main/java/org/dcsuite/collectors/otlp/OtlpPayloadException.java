package org.dcsuite.collectors.otlp;

/**
 * A request body the receiver cannot use, answered with an OTLP error response: HTTP {@link #httpStatus()} and a
 * {@code google.rpc.Status} carrying the message.
 */
final class OtlpPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    OtlpPayloadException(int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    OtlpPayloadException(int httpStatus, String message) {
        this(httpStatus, message, null);
    }

    int httpStatus() {
        return httpStatus;
    }
}
