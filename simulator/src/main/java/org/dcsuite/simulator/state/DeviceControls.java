package org.dcsuite.simulator.state;

/**
 * Control actions the front ends pass to the model: a Modbus write of a setpoint, an SNMP SET of an outlet, a
 * Redfish reset. Implementations are thread-safe; the effect shows in the next state read.
 */
public interface DeviceControls {

    /**
     * @throws IllegalArgumentException outside {@link CoolingState#SETPOINT_MIN_C}..{@link CoolingState#SETPOINT_MAX_C}
     *                                  or for an unknown unit
     */
    void setCoolingSetpoint(String coolingId, double celsius);

    /** @throws IllegalArgumentException for an unknown PDU or outlet number */
    void setOutlet(String pduId, int outlet, boolean on);

    /** @throws IllegalArgumentException for an unknown server */
    void resetServer(String serverId, ResetType type);

    /** The Redfish ResetType values a simulated server accepts. */
    enum ResetType { ON, FORCE_OFF, GRACEFUL_SHUTDOWN, GRACEFUL_RESTART, FORCE_RESTART, POWER_CYCLE;

        /** The Redfish spelling, e.g. {@code GracefulRestart}. */
        public String redfishName() {
            StringBuilder sb = new StringBuilder();
            for (String part : name().split("_")) {
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            return sb.toString();
        }

        public static ResetType fromRedfish(String name) {
            for (ResetType t : values()) {
                if (t.redfishName().equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unsupported ResetType '" + name + "'");
        }
    }
}
