package org.dcsuite.dashboard.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import org.dcsuite.core.security.Role;

/**
 * The logged-in user as the session holds it: a name and one role, nothing secret.
 *
 * @param name the login name
 * @param role what the user may see and do
 */
public record DashboardPrincipal(String name, Role role) implements Principal, Serializable {

    public DashboardPrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String getName() {
        return name;
    }
}
