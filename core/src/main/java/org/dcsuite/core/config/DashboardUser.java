package org.dcsuite.core.config;

import java.util.Objects;
import java.util.regex.Pattern;
import org.dcsuite.core.security.PasswordHash;
import org.dcsuite.core.security.Role;

/**
 * One user of the dashboard.
 *
 * @param name         the login name
 * @param role         what the user may see and do
 * @param passwordHash the password's PBKDF2 hash (never the password)
 */
public record DashboardUser(String name, Role role, PasswordHash passwordHash) {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    public DashboardUser {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid user name '" + name
                    + "': use lowercase letters, digits, '.', '_' and '-', starting with a letter");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
