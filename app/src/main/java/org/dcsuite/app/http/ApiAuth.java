package org.dcsuite.app.http;

import java.util.List;
import java.util.Locale;
import org.dcsuite.core.config.Secret;

/** Checks {@code Authorization: Bearer TOKEN} headers against the accepted tokens, in constant time. */
public final class ApiAuth {

    private static final String SCHEME = "bearer ";

    private final List<Secret> tokens;

    public ApiAuth(List<Secret> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one API token is needed");
        }
        this.tokens = List.copyOf(tokens);
    }

    /** Whether the header carries one of the tokens. */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null
                || !authorizationHeader.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return false;
        }
        String presented = authorizationHeader.substring(SCHEME.length()).strip();
        boolean ok = false;
        // No early exit, so the time taken does not tell which token came close.
        for (Secret token : tokens) {
            ok |= token.matches(presented);
        }
        return ok;
    }
}
