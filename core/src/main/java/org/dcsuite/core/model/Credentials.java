package org.dcsuite.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.dcsuite.core.config.Secret;

/**
 * How to authenticate to a device. SNMP uses {@code community} (v2c) or {@code username} with the
 * passphrases (v3); Redfish and HTTPS use {@code username}/{@code password}; Modbus has none.
 * Every value is a {@link Secret}, so printing credentials shows {@code ***}.
 */
public record Credentials(Optional<Secret> community, Optional<Secret> username, Optional<Secret> password,
                          Optional<Secret> authPassphrase, Optional<Secret> privPassphrase) {

    /** No credentials. */
    public static final Credentials NONE =
            new Credentials(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Credentials {
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(authPassphrase, "authPassphrase");
        Objects.requireNonNull(privPassphrase, "privPassphrase");
    }

    public boolean isEmpty() {
        return Stream.of(community, username, password, authPassphrase, privPassphrase).allMatch(Optional::isEmpty);
    }
}
