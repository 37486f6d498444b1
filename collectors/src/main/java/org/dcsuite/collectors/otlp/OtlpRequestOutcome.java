package org.dcsuite.collectors.otlp;

/** How the receiver answered one HTTP request, the {@code outcome} attribute of its request counter. */
public enum OtlpRequestOutcome {
    /** 200, every span used. */
    SUCCESS(200),
    /** 200 with {@code partial_success}: some spans were unusable. */
    PARTIAL_SUCCESS(200),
    /** 400: undecodable protobuf, invalid JSON or bad gzip. */
    BAD_REQUEST(400),
    /** 404: a path other than {@code /v1/traces}. */
    NOT_FOUND(404),
    /** 405: a method other than POST. */
    METHOD_NOT_ALLOWED(405),
    /** 413: the body, compressed or not, exceeds the limit. */
    TOO_LARGE(413),
    /** 415: neither protobuf nor JSON, or a content encoding other than gzip. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** 500: the receiver failed on a request (a bug); the sender may retry. */
    INTERNAL_ERROR(500);

    private final int httpStatus;

    OtlpRequestOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the outcome is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    static OtlpRequestOutcome ofErrorStatus(int httpStatus) {
        for (OtlpRequestOutcome o : values()) {
            if (o.httpStatus == httpStatus && o != SUCCESS && o != PARTIAL_SUCCESS) {
                return o;
            }
        }
        return INTERNAL_ERROR;
    }
}
