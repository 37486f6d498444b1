package org.dcsuite.simulator.control;

import java.util.Objects;

/**
 * A fault request that cannot be honoured, naming the request field at fault ({@code device}, {@code fault},
 * {@code for}, {@code start}, {@code latency}, {@code phase}, {@code feed}) so the API can point at it.
 */
public final class SimFaultInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public SimFaultInputException(String field, String message) {
        super(field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
