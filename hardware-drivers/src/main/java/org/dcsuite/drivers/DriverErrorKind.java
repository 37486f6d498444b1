package org.dcsuite.drivers;

/** Why a device or point could not be read; the collectors count errors by kind. */
public enum DriverErrorKind {
    /** No answer within the timeout (after retries). */
    TIMEOUT,
    /** The connection was refused or the host is unreachable. */
    REFUSED,
    /** Wrong community, user, passphrase, password or certificate. */
    AUTH,
    /** The device answered against the protocol: exception codes, malformed frames or BER, HTTP errors. */
    PROTOCOL,
    /** The answer was well formed but its value could not be decoded (wrong type, out of range, NaN marker). */
    DECODE,
    /** Our side is wrong: unknown profile, invalid option, value outside the allowed range for a write. */
    CONFIG,
    /** The device or profile does not offer what was asked. */
    UNSUPPORTED;

    /** Whether the same request may succeed later without a configuration change. */
    public boolean retryable() {
        return this == TIMEOUT || this == REFUSED || this == PROTOCOL;
    }
}
