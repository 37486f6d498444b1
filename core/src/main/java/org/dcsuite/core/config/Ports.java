package org.dcsuite.core.config;

/** Port range checks shared by the sections that listen. */
final class Ports {

    private Ports() {
    }

    static void check(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(field + " " + port + " out of range 0-65535");
        }
    }
}
