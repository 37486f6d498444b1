package org.dcsuite.drivers;

import java.util.Objects;

/**
 * A point, sensor or resource that could not be read while the rest of the device could.
 *
 * @param point   the profile point, OID or resource path
 * @param kind    what went wrong
 * @param message for people, naming the point and the cause
 */
public record PointError(String point, DriverErrorKind kind, String message) {

    public PointError {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
