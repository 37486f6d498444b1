package org.dcsuite.core.model;

import java.util.Optional;

/** The power feed (A or B side) a device is on, so redundancy can be checked per rack. */
public enum Feed {
    A, B;

    public static Optional<Feed> fromConfigName(String name) {
        return switch (name) {
            case "A", "a" -> Optional.of(A);
            case "B", "b" -> Optional.of(B);
            default -> Optional.empty();
        };
    }
}
