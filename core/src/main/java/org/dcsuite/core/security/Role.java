package org.dcsuite.core.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may see and do. Every view and action checks the role on the server; the names are the values used in
 * the configuration.
 */
public enum Role {
    /** Everything, including users and control actions. */
    ADMIN,
    /** Services, SLOs, alerts, playbooks, and the hardware views. */
    SRE,
    /** Alerts, incidents and playbooks they are paged for, plus read-only views. */
    ONCALL,
    /** Power, cooling and energy views, and facility control actions. */
    FACILITY,
    /** Read-only views. */
    VIEWER;

    /** The configuration name, e.g. {@code oncall}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this configuration name. */
    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }
}
