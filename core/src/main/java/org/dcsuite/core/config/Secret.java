package org.dcsuite.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A value that must never be printed: a password, community string or API token. {@link #toString()} is
 * always {@code ***}; the value is only available through {@link #reveal()}, so every place that uses it is
 * easy to find.
 *
 * <p>In configuration a secret is written as {@code ${env:NAME}}, {@code ${file:PATH}} (relative to the
 * configuration folder) or, for tests and demos, as a literal. References are resolved at load time.
 */
public final class Secret {

    private static final String MASK = "***";

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A secret given in code or as a literal in configuration. */
    public static Secret of(String value) {
        return new Secret(value, "literal");
    }

    static Secret fromSource(String value, String source) {
        return new Secret(value, source);
    }

    /** The value. Call only where it is sent to the thing it authenticates to. */
    public String reveal() {
        return value;
    }

    /** Where the value came from ({@code env:NAME}, {@code file:PATH} or {@code literal}); safe to print. */
    public String source() {
        return source;
    }

    /** Compares in constant time, for checking a presented token against this one. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && matches(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
