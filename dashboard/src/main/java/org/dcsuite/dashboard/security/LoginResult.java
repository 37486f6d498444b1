package org.dcsuite.dashboard.security;

import java.time.Duration;

/** The outcome of one login attempt. */
public sealed interface LoginResult {

    /** The name and password matched a configured user. */
    record Success(DashboardPrincipal principal) implements LoginResult {
    }

    /** Wrong name or password; the message never says which, so names cannot be probed. */
    record Rejected() implements LoginResult {
    }

    /** Too many recent failures for this name or address: the password was not even checked. */
    record Locked(Duration retryAfter) implements LoginResult {
    }
}
