package org.dcsuite.simulator.state;

import java.util.List;
import java.util.Objects;

/**
 * A metered, switched rack PDU on one feed.
 *
 * @param energyJ total energy counter since the PDU's counter was last reset
 * @param phases  per-phase (per-line) readings; voltages are line-to-neutral
 * @param outlets per-outlet readings, numbered from 1
 * @param sensors environment sensors attached to the PDU (ENTITY-SENSOR-MIB style)
 */
public record PduState(String id, String name, Feed feed, double powerW, double energyJ, List<Phase> phases,
        List<Outlet> outlets, List<Sensor> sensors) {

    public PduState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feed, "feed");
        phases = List.copyOf(phases);
        outlets = List.copyOf(outlets);
        sensors = List.copyOf(sensors);
    }

    /** One line: {@code L1}..{@code L3}; a tripped breaker carries no current. */
    public record Phase(String id, double voltageV, double currentA, double powerW, double breakerRatingA,
            boolean breakerTripped) {
    }

    /** One outlet; {@code on} is the switch state, current and power are 0 when off or when its breaker tripped. */
    public record Outlet(int number, String name, String phase, boolean on, double powerW, double currentA,
            double energyJ) {
    }

    /** An attached sensor: kind temperature (Cel) or humidity (%). */
    public record Sensor(String id, String name, SensorKind kind, double value) {
    }

    public enum SensorKind { TEMPERATURE, HUMIDITY }
}
