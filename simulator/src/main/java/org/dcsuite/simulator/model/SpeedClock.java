package org.dcsuite.simulator.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A simulation clock that starts at a chosen instant and runs {@code speed} times faster than a real clock,
 * so a simulated day can pass in minutes.
 */
public final class SpeedClock extends Clock {

    private final Instant simulatedStart;
    private final double speed;
    private final Clock real;
    private final Instant realStart;
    private final ZoneId zone;

    /** Starts now on the system clock. */
    public SpeedClock(Instant simulatedStart, double speed) {
        this(simulatedStart, speed, Clock.systemUTC());
    }

    /** @param real the clock whose elapsed time is sped up; read once here to anchor the start */
    public SpeedClock(Instant simulatedStart, double speed, Clock real) {
        this(simulatedStart, speed, real, real.instant(), ZoneOffset.UTC);
    }

    private SpeedClock(Instant simulatedStart, double speed, Clock real, Instant realStart, ZoneId zone) {
        this.simulatedStart = Objects.requireNonNull(simulatedStart, "simulatedStart");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number greater than zero, got " + speed);
        }
        this.speed = speed;
        this.real = Objects.requireNonNull(real, "real");
        this.realStart = realStart;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.between(realStart, real.instant());
        // Nanosecond arithmetic in double loses precision only after ~100 days of real time at 1x.
        long scaledNanos = (long) (elapsed.toNanos() * speed);
        return simulatedStart.plusNanos(scaledNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SpeedClock(simulatedStart, speed, real, realStart, newZone);
    }
}
