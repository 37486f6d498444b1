package org.dcsuite.drivers.snmp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * The SNMPv3 authentication and privacy protocols by their option names, registered with SNMP4J. SNMP4J 3.x no
 * longer registers MD5, SHA-1 and DES by default (they are weak), but most deployed PDUs and UPS cards speak
 * only those, so they are registered explicitly beside the SHA-2 family and AES.
 */
final class SnmpSecurity {

    /** {@code snmp.auth_protocol} values, as net-snmp's {@code -a} spells them. */
    static final Map<String, OID> AUTH = authProtocols();
    /** {@code snmp.priv_protocol} values, as net-snmp's {@code -x} spells them. */
    static final Map<String, OID> PRIV = privProtocols();

    private static boolean registered;

    private SnmpSecurity() {
    }

    /** Registers every protocol above with SNMP4J's shared registry; idempotent. */
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
        registered = true;
    }

    static Optional<OID> auth(String name) {
        return Optional.ofNullable(AUTH.get(name));
    }

    static Optional<OID> priv(String name) {
        return Optional.ofNullable(PRIV.get(name));
    }

    private static Map<String, OID> authProtocols() {
        Map<String, OID> m = new LinkedHashMap<>();
        m.put("MD5", AuthMD5.ID);
        m.put("SHA", AuthSHA.ID);
        m.put("SHA-224", AuthHMAC128SHA224.ID);
        m.put("SHA-256", AuthHMAC192SHA256.ID);
        m.put("SHA-384", AuthHMAC256SHA384.ID);
        m.put("SHA-512", AuthHMAC384SHA512.ID);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, OID> privProtocols() {
        Map<String, OID> m = new LinkedHashMap<>();
        m.put("DES", PrivDES.ID);
        m.put("AES", PrivAES128.ID);
        m.put("AES-192", PrivAES192.ID);
        m.put("AES-256", PrivAES256.ID);
        return java.util.Collections.unmodifiableMap(m);
    }
}
