package org.dcsuite.benchmarks.collectors;

import java.nio.file.Path;
import java.time.Clock;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.simulator.Simulator;

/**
 * The simulated fleet of a configuration folder in a process of its own, so the collector's CPU is measured
 * apart from the devices'. Prints {@value #READY} once every device listens and stops when its standard input
 * closes (the benchmark ending or dying).
 *
 * <p>Usage: {@code java -cp dcsuite-benchmarks.jar org.dcsuite.benchmarks.collectors.FleetSimulatorMain CONFIG}.
 */
public final class FleetSimulatorMain {

    static final String READY = "fleet simulator running";

    private FleetSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Simulator simulator = Simulator.start(ConfigLoader.load(Path.of(args[0])), 1, Clock.systemUTC())) {
            System.out.println(READY + ": " + simulator.endpoints().size() + " devices");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Waits for the parent to close the pipe.
            }
        }
        System.exit(0);
    }
}
