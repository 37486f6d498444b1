package org.dcsuite.simulator.state;

import java.util.List;
import java.util.Objects;

/**
 * A server as its BMC reports it.
 *
 * @param inputPowerW    total power drawn from the PDUs by all power supplies (0 when off)
 * @param inletC         air inlet temperature
 * @param cpuC           hottest CPU temperature
 * @param psus           one per power supply, each on one feed
 * @param fans           chassis fans
 * @param health         overall health as Redfish Status.Health says it
 */
public record ServerState(String id, String name, PowerState powerState, double inputPowerW, double inletC,
        double cpuC, List<Psu> psus, List<Fan> fans, Health health) {

    public ServerState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(powerState, "powerState");
        psus = List.copyOf(psus);
        fans = List.copyOf(fans);
        Objects.requireNonNull(health, "health");
    }

    /** A power supply; {@code inputW} is what it draws from its PDU outlet, {@code outputW} what it delivers. */
    public record Psu(String id, Feed feed, boolean powered, double inputW, double outputW, double inputVoltageV) {
    }

    public record Fan(String id, double rpm) {
    }

    public enum PowerState { ON, OFF }

    public enum Health { OK, WARNING, CRITICAL }
}
