package org.dcsuite.dashboard.security;

/**
 * Role names as compile-time constants for {@code @RolesAllowed}, which cannot call {@code Role.id()}. They equal
 * {@link org.dcsuite.core.security.Role#id()} (a test keeps them equal).
 */
public final class DashboardRoles {

    public static final String ADMIN = "admin";
    public static final String SRE = "sre";
    public static final String ONCALL = "oncall";
    public static final String FACILITY = "facility";
    public static final String VIEWER = "viewer";

    private DashboardRoles() {
    }
}
