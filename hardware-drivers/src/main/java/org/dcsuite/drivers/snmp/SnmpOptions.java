package org.dcsuite.drivers.snmp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.OID;

/**
 * A device's SNMP settings from its {@link DeviceTarget}: options and credentials, validated at open.
 *
 * @param version        {@link SnmpConstants#version1}, {@code version2c} or {@code version3}
 * @param maxRepetitions GETBULK max-repetitions (default {@link #DEFAULT_MAX_REPETITIONS})
 * @param context        the SNMPv3 context name, empty for the default context
 */
record SnmpOptions(int version, Optional<Secret> community, Optional<String> user, Optional<OID> authProtocol,
        Optional<Secret> authPassphrase, Optional<OID> privProtocol, Optional<Secret> privPassphrase,
        int maxRepetitions, String context) {

    static final String VERSION = "snmp.version";
    static final String AUTH_PROTOCOL = "snmp.auth_protocol";
    static final String PRIV_PROTOCOL = "snmp.priv_protocol";
    static final String MAX_REPETITIONS = "snmp.max_repetitions";
    static final String CONTEXT = "snmp.context";
    /**
     * The device's snmpEngineID in hex: polling discovers it, but a trap receiver must know it beforehand to accept
     * the device's SNMPv3 traps (as net-snmp's {@code createUser -e} does).
     */
    static final String ENGINE_ID = "snmp.engine_id";
    static final Set<String> KEYS = Set.of(VERSION, AUTH_PROTOCOL, PRIV_PROTOCOL, MAX_REPETITIONS, CONTEXT, ENGINE_ID);

    /** 25 rows a GETBULK: fits a 1500-byte frame for typical PDU columns and keeps round trips few. */
    static final int DEFAULT_MAX_REPETITIONS = 25;
    /**
     * SHA-1 and AES-128 when a passphrase is given without a protocol: they are what rack PDUs and UPS network
     * cards commonly support; choose SHA-256 where the device has it.
     */
    static final String DEFAULT_AUTH = "SHA";
    static final String DEFAULT_PRIV = "AES";

    /** RFC 3414 and net-snmp refuse passphrases shorter than eight characters. */
    private static final int MIN_PASSPHRASE = 8;

    int securityLevel() {
        if (privPassphrase.isPresent()) {
            return SecurityLevel.AUTH_PRIV;
        }
        return authPassphrase.isPresent() ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.NOAUTH_NOPRIV;
    }

    /** For messages: "SNMPv2c", "SNMPv3 user 'x' authPriv". */
    String describe() {
        return switch (version) {
            case SnmpConstants.version1 -> "SNMPv1";
            case SnmpConstants.version2c -> "SNMPv2c";
            default -> "SNMPv3 user '" + user.orElse("") + "' " + switch (securityLevel()) {
                case SecurityLevel.AUTH_PRIV -> "authPriv";
                case SecurityLevel.AUTH_NOPRIV -> "authNoPriv";
                default -> "noAuthNoPriv";
            };
        };
    }

    /** @throws DriverException CONFIG listing every problem, naming the device, never a secret */
    static SnmpOptions of(DeviceTarget target) {
        List<String> problems = new ArrayList<>();
        Map<String, String> options = target.options();
        for (String key : new TreeSet<>(options.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("unknown option '" + key + "' (snmp accepts " + new TreeSet<>(KEYS) + ")");
            }
        }
        Credentials c = target.credentials();
        Optional<String> user = c.username().map(Secret::reveal);
        String versionText = options.getOrDefault(VERSION, user.isPresent() ? "3" : "2c");
        int version = switch (versionText) {
            case "1" -> SnmpConstants.version1;
            case "2c" -> SnmpConstants.version2c;
            case "3" -> SnmpConstants.version3;
            default -> {
                problems.add(VERSION + " '" + versionText + "' is not 1, 2c or 3");
                yield SnmpConstants.version2c;
            }
        };
        int maxRepetitions = DEFAULT_MAX_REPETITIONS;
        if (options.containsKey(MAX_REPETITIONS)) {
            try {
                maxRepetitions = Integer.parseInt(options.get(MAX_REPETITIONS));
                if (maxRepetitions < 1 || maxRepetitions > 1000) {
                    problems.add(MAX_REPETITIONS + " must be 1-1000, got " + maxRepetitions);
                }
            } catch (NumberFormatException e) {
                problems.add(MAX_REPETITIONS + " must be a number 1-1000");
            }
        }
        String context = options.getOrDefault(CONTEXT, "");
        Optional<OID> auth = Optional.empty();
        Optional<OID> priv = Optional.empty();
        if (version == SnmpConstants.version3) {
            if (user.isEmpty()) {
                problems.add("SNMPv3 needs credentials.username");
            }
            if (c.community().isPresent()) {
                problems.add("SNMPv3 uses username and passphrases, not a community");
            }
            if (c.privPassphrase().isPresent() && c.authPassphrase().isEmpty()) {
                problems.add("priv_passphrase needs auth_passphrase (SNMPv3 privacy requires authentication)");
            }
            if (options.containsKey(AUTH_PROTOCOL) && c.authPassphrase().isEmpty()) {
                problems.add(AUTH_PROTOCOL + " is set but credentials.auth_passphrase is missing");
            }
            if (options.containsKey(PRIV_PROTOCOL) && c.privPassphrase().isEmpty()) {
                problems.add(PRIV_PROTOCOL + " is set but credentials.priv_passphrase is missing");
            }
            for (var p : List.of(c.authPassphrase(), c.privPassphrase())) {
                if (p.isPresent() && p.get().reveal().length() < MIN_PASSPHRASE) {
                    problems.add("SNMPv3 passphrases must have at least " + MIN_PASSPHRASE + " characters");
                    break;
                }
            }
            if (c.authPassphrase().isPresent()) {
                String name = options.getOrDefault(AUTH_PROTOCOL, DEFAULT_AUTH);
                auth = SnmpSecurity.auth(name);
                if (auth.isEmpty()) {
                    problems.add(AUTH_PROTOCOL + " '" + name + "' is not one of " + SnmpSecurity.AUTH.keySet());
                }
            }
            if (c.privPassphrase().isPresent()) {
                String name = options.getOrDefault(PRIV_PROTOCOL, DEFAULT_PRIV);
                priv = SnmpSecurity.priv(name);
                if (priv.isEmpty()) {
                    problems.add(PRIV_PROTOCOL + " '" + name + "' is not one of " + SnmpSecurity.PRIV.keySet());
                }
            }
        } else {
            // No "public" default: a forgotten community would silently poll with the best-known one.
            if (c.community().isEmpty()) {
                problems.add("SNMPv" + versionText + " needs credentials.community (or a username for SNMPv3)");
            }
            if (user.isPresent() || c.authPassphrase().isPresent() || c.privPassphrase().isPresent()) {
                problems.add("username and passphrases need " + VERSION + "=3");
            }
            for (String key : List.of(AUTH_PROTOCOL, PRIV_PROTOCOL, CONTEXT, ENGINE_ID)) {
                if (options.containsKey(key)) {
                    problems.add(key + " applies to SNMPv3 only");
                }
            }
        }
        if (options.containsKey(ENGINE_ID) && engineId(options.get(ENGINE_ID)).isEmpty()) {
            problems.add(ENGINE_ID + " must be 5-32 octets in hex, e.g. 80001f8880a1b2c3d4");
        }
        if (!problems.isEmpty()) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + String.join("; ", problems));
        }
        return new SnmpOptions(version, c.community(), user, auth, c.authPassphrase(), priv, c.privPassphrase(),
                maxRepetitions, context);
    }

    /** An engine id from hex (optional {@code 0x} and colons), when it is 5-32 octets. */
    static Optional<byte[]> engineId(String hex) {
        try {
            byte[] id = HexFormat.of().parseHex(hex.strip().replaceFirst("^0[xX]", "").replace(":", ""));
            return id.length >= 5 && id.length <= 32 ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
