package org.dcsuite.app.http;

import java.util.Objects;
import org.dcsuite.app.promapi.PrometheusJson.ErrorType;

/** A request the API refuses, with the Prometheus error type (and so HTTP status) to answer with. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    public ApiException(ErrorType type, String message) {
        super(message);
        this.type = Objects.requireNonNull(type, "type");
    }

    public static ApiException badData(String message) {
        return new ApiException(ErrorType.BAD_DATA, message);
    }

    public ErrorType type() {
        return type;
    }
}
