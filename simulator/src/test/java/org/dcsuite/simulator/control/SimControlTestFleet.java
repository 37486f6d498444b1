package org.dcsuite.simulator.control;

import java.nio.file.Path;
import java.time.Instant;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.time.MutableClock;
import org.dcsuite.simulator.DemoConfiguration;
import org.dcsuite.simulator.model.FaultSchedule;
import org.dcsuite.simulator.model.SimulatedFleet;

/** The bundled demo fleet on a clock the tests move, without front ends: what the control package acts on. */
final class SimControlTestFleet {

    static final Instant T0 = Instant.parse("2025-03-10T08:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final SimulatedFleet fleet;
    final FaultSchedule wire = new FaultSchedule(clock);
    final SimFaultInjector injector;

    SimControlTestFleet(Path dir) throws Exception {
        DcsuiteConfig config = ConfigLoader.load(DemoConfiguration.writeTo(dir));
        fleet = new SimulatedFleet(config, 1, clock);
        injector = new SimFaultInjector(fleet, wire, config.sites().stream().map(Site::id).toList(), clock);
    }
}
