package org.dcsuite.core.config;

import java.util.Objects;

/**
 * The {@code receivers} section of {@code dcsuite.yaml}: what dcsuite listens for besides polling.
 *
 * @param otlp          the OTLP/HTTP trace receiver
 * @param snmpTraps     the SNMP trap and inform receiver
 * @param redfishEvents the Redfish event listener (and the subscriptions made on each Redfish device)
 */
public record ReceiversConfig(OtlpReceiverConfig otlp, SnmpTrapReceiverConfig snmpTraps,
        RedfishEventReceiverConfig redfishEvents) {

    /** Every receiver on with its defaults. */
    public static final ReceiversConfig DEFAULT = new ReceiversConfig(OtlpReceiverConfig.DEFAULT,
            SnmpTrapReceiverConfig.DEFAULT, RedfishEventReceiverConfig.DEFAULT);

    public ReceiversConfig {
        Objects.requireNonNull(otlp, "otlp");
        Objects.requireNonNull(snmpTraps, "snmpTraps");
        Objects.requireNonNull(redfishEvents, "redfishEvents");
    }
}
