package org.dcsuite.simulator.snmp;

import java.util.Map;
import java.util.Optional;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.OID;

/**
 * SNMPv3 protocols by name, registered with SNMP4J. SNMP4J 3 no longer registers MD5, SHA-1 and DES by default,
 * but the devices the simulator stands in for mostly speak only those, so they are registered explicitly. Also
 * sets how reports are secured, see {@link #register()}.
 */
final class SimSnmpSecurity {

    /** Authentication protocols as net-snmp's {@code -a} spells them. */
    static final Map<String, OID> AUTH = Map.of("MD5", AuthMD5.ID, "SHA", AuthSHA.ID,
            "SHA-224", AuthHMAC128SHA224.ID, "SHA-256", AuthHMAC192SHA256.ID, "SHA-384", AuthHMAC256SHA384.ID,
            "SHA-512", AuthHMAC384SHA512.ID);
    /** Privacy protocols as net-snmp's {@code -x} spells them. */
    static final Map<String, OID> PRIV = Map.of("DES", PrivDES.ID, "AES", PrivAES128.ID, "AES-192", PrivAES192.ID,
            "AES-256", PrivAES256.ID);

    private static boolean registered;

    private SimSnmpSecurity() {
    }

    /** Adds every protocol above to SNMP4J's shared registry; idempotent. */
    static synchronized void register() {
        if (registered) {
            return;
        }
        SecurityProtocols p = SecurityProtocols.getInstance();
        p.addAuthenticationProtocol(new AuthMD5());
        p.addAuthenticationProtocol(new AuthSHA());
        p.addAuthenticationProtocol(new AuthHMAC128SHA224());
        p.addAuthenticationProtocol(new AuthHMAC192SHA256());
        p.addAuthenticationProtocol(new AuthHMAC256SHA384());
        p.addAuthenticationProtocol(new AuthHMAC384SHA512());
        p.addPrivacyProtocol(new PrivDES());
        p.addPrivacyProtocol(new PrivAES128());
        p.addPrivacyProtocol(new PrivAES192());
        p.addPrivacyProtocol(new PrivAES256());
        // A report about an unknown user cannot be sent at the request's level (there are no keys for it): SNMP4J's
        // standard strategy then sends nothing, while RFC 3412 7.1.3 and net-snmp send it unauthenticated. This is
        // process-wide; it only widens which reports go out.
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
        registered = true;
    }

    static Optional<OID> auth(String name) {
        return Optional.ofNullable(AUTH.get(name));
    }

    static Optional<OID> priv(String name) {
        return Optional.ofNullable(PRIV.get(name));
    }
}
