package org.dcsuite.drivers;

import java.util.Objects;

/**
 * A device as a whole could not be read or controlled. The message names the device and protocol (see
 * {@link DeviceTarget#describe()}) and never a secret.
 */
public final class DriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DriverErrorKind kind;

    public DriverException(DriverErrorKind kind, String message) {
        this(kind, message, null);
    }

    public DriverException(DriverErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public DriverErrorKind kind() {
        return kind;
    }
}
