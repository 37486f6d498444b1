package org.dcsuite.drivers.snmp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.core.config.Secret;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceTarget;

/** Device targets for tests. */
final class SnmpTargets {

    private SnmpTargets() {
    }

    static Credentials community(String community) {
        return new Credentials(Optional.of(Secret.of(community)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static Credentials user(String user, String auth, String priv) {
        return new Credentials(Optional.empty(), Optional.of(Secret.of(user)), Optional.empty(),
                Optional.ofNullable(auth).map(Secret::of), Optional.ofNullable(priv).map(Secret::of));
    }

    static DeviceTarget target(int port, String profile, Credentials credentials, Duration timeout,
            Map<String, String> options) {
        Endpoint endpoint = new Endpoint(URI.create("snmp://127.0.0.1:" + port), Protocol.SNMP, "127.0.0.1", port);
        return new DeviceTarget("dev-1", endpoint, Optional.ofNullable(profile), credentials, timeout, 1, options,
                Clock.systemUTC());
    }
}
