package org.dcsuite.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dcsuite.simulator.events.SimConditionWatcher;
import org.dcsuite.simulator.events.SimTrapDestination;
import org.dcsuite.simulator.redfish.SimRedfishServer;

/**
 * How a {@link Simulator} pushes what happens: the SNMP managers its agents notify from the start (more can be
 * added while it runs), how often the model is watched for conditions, and how BMCs retry event deliveries.
 * Build with {@link #builder()}; {@link #defaults()} notifies no one.
 */
public final class SimulatorOptions {

    private final List<SimTrapDestination> trapDestinations;
    private final Duration conditionScanInterval;
    private final int eventRetryAttempts;
    private final Duration eventRetryInterval;

    private SimulatorOptions(Builder b) {
        this.trapDestinations = List.copyOf(b.trapDestinations);
        this.conditionScanInterval = b.conditionScanInterval;
        this.eventRetryAttempts = b.eventRetryAttempts;
        this.eventRetryInterval = b.eventRetryInterval;
    }

    /** No trap destinations, default scan interval and retries. */
    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    List<SimTrapDestination> trapDestinations() {
        return trapDestinations;
    }

    Duration conditionScanInterval() {
        return conditionScanInterval;
    }

    int eventRetryAttempts() {
        return eventRetryAttempts;
    }

    Duration eventRetryInterval() {
        return eventRetryInterval;
    }

    /** Options, checked as they are set. */
    public static final class Builder {
        private final List<SimTrapDestination> trapDestinations = new ArrayList<>();
        private Duration conditionScanInterval = SimConditionWatcher.DEFAULT_INTERVAL;
        private int eventRetryAttempts = SimRedfishServer.DEFAULT_EVENT_RETRY_ATTEMPTS;
        private Duration eventRetryInterval = SimRedfishServer.DEFAULT_EVENT_RETRY_INTERVAL;

        private Builder() {
        }

        /** A manager every agent sends SNMPv2c traps (SNMPv3 for agents with only a user) to; none by default. */
        public Builder trapDestination(InetSocketAddress address) {
            trapDestinations.add(new SimTrapDestination(address, false));
            return this;
        }

        /** A manager every agent sends INFORMs to, retransmitted until answered or a bounded number of times. */
        public Builder informDestination(InetSocketAddress address) {
            trapDestinations.add(new SimTrapDestination(address, true));
            return this;
        }

        /** Real time between two looks at the model; default {@link SimConditionWatcher#DEFAULT_INTERVAL}. */
        public Builder conditionScanInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("condition scan interval must be positive, got " + interval);
            }
            this.conditionScanInterval = interval;
            return this;
        }

        /**
         * Redfish event delivery retries per BMC; defaults {@link SimRedfishServer#DEFAULT_EVENT_RETRY_ATTEMPTS} and
         * {@link SimRedfishServer#DEFAULT_EVENT_RETRY_INTERVAL}.
         */
        public Builder eventRetry(int attempts, Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (attempts < 0 || interval.isNegative()) {
                throw new IllegalArgumentException("event retry attempts and interval must not be negative");
            }
            this.eventRetryAttempts = attempts;
            this.eventRetryInterval = interval;
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(this);
        }
    }
}
