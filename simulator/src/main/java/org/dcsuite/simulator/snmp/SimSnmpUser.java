package org.dcsuite.simulator.snmp;

import java.util.Objects;
import java.util.Optional;
import org.dcsuite.core.config.Secret;
import org.snmp4j.security.SecurityLevel;

/**
 * The one SNMPv3 USM user of a simulated device. Protocols are spelled as net-snmp's {@code -a}/{@code -x} and the
 * driver's {@code snmp.auth_protocol}/{@code snmp.priv_protocol} options: {@code MD5}, {@code SHA},
 * {@code SHA-224} ... {@code SHA-512}; {@code DES}, {@code AES}, {@code AES-192}, {@code AES-256}. Passphrases are
 * {@link Secret}s, so printing a user never shows them.
 */
public record SimSnmpUser(String name, Optional<String> authProtocol, Optional<Secret> authPassphrase,
        Optional<String> privProtocol, Optional<Secret> privPassphrase) {

    /** USM's lower bound on a passphrase (RFC 3414 11.2). */
    public static final int MIN_PASSPHRASE_LENGTH = 8;

    public SimSnmpUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authProtocol, "authProtocol");
        Objects.requireNonNull(authPassphrase, "authPassphrase");
        Objects.requireNonNull(privProtocol, "privProtocol");
        Objects.requireNonNull(privPassphrase, "privPassphrase");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("SNMPv3 user name must not be empty");
        }
        if (authProtocol.isPresent() != authPassphrase.isPresent()
                || privProtocol.isPresent() != privPassphrase.isPresent()) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': a protocol needs its passphrase and back");
        }
        if (privProtocol.isPresent() && authProtocol.isEmpty()) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': privacy needs authentication");
        }
        authProtocol.ifPresent(p -> SimSnmpSecurity.auth(p).orElseThrow(() -> new IllegalArgumentException(
                "SNMPv3 user '" + name + "': unknown authentication protocol '" + p + "' (use one of "
                        + SimSnmpSecurity.AUTH.keySet() + ")")));
        privProtocol.ifPresent(p -> SimSnmpSecurity.priv(p).orElseThrow(() -> new IllegalArgumentException(
                "SNMPv3 user '" + name + "': unknown privacy protocol '" + p + "' (use one of "
                        + SimSnmpSecurity.PRIV.keySet() + ")")));
        checkLength(name, authPassphrase);
        checkLength(name, privPassphrase);
    }

    /** A user with authentication and privacy (authPriv), e.g. {@code authPriv("dcsuite", "SHA", a, "AES", p)}. */
    public static SimSnmpUser authPriv(String name, String authProtocol, Secret authPassphrase, String privProtocol,
            Secret privPassphrase) {
        return new SimSnmpUser(name, Optional.of(authProtocol), Optional.of(authPassphrase), Optional.of(privProtocol),
                Optional.of(privPassphrase));
    }

    /** A user with authentication only (authNoPriv). */
    public static SimSnmpUser authNoPriv(String name, String authProtocol, Secret authPassphrase) {
        return new SimSnmpUser(name, Optional.of(authProtocol), Optional.of(authPassphrase), Optional.empty(),
                Optional.empty());
    }

    /** The USM security level this user's requests must have ({@link SecurityLevel} constants). */
    public int securityLevel() {
        if (privProtocol.isPresent()) {
            return SecurityLevel.AUTH_PRIV;
        }
        return authProtocol.isPresent() ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.NOAUTH_NOPRIV;
    }

    private static void checkLength(String name, Optional<Secret> passphrase) {
        if (passphrase.isPresent() && passphrase.get().reveal().length() < MIN_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("SNMPv3 user '" + name + "': passphrases need at least "
                    + MIN_PASSPHRASE_LENGTH + " characters");
        }
    }
}
