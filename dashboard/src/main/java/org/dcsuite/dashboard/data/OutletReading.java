package org.dcsuite.dashboard.data;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One outlet of a PDU, as far as its profile reports outlets.
 *
 * @param outlet      the {@code outlet} attribute (the outlet's number)
 * @param name        the outlet's name from the PDU ({@code hw.name}), empty when it has none
 * @param powerWatts  real power in W, when metered
 * @param currentAmps current in A, when metered
 * @param on          switched state ({@code hw.status{hw.state="on"}}), when the PDU is switched
 */
public record OutletReading(String outlet, String name, OptionalDouble powerWatts, OptionalDouble currentAmps,
        Optional<Boolean> on) {

    public OutletReading {
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(powerWatts, "powerWatts");
        Objects.requireNonNull(currentAmps, "currentAmps");
        Objects.requireNonNull(on, "on");
    }
}
