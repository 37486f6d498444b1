package org.dcsuite.energy.signal;

import java.time.Instant;

/** A configured constant, such as a contract price or a yearly average intensity. */
final class ConstantSignalSource implements SignalSource {

    private final double value;

    ConstantSignalSource(double value) {
        this.value = value;
    }

    @Override
    public SignalSeries read(Instant from, Instant to) {
        return SignalSeries.constant(value);
    }

    @Override
    public String describe() {
        return "constant " + value;
    }
}
