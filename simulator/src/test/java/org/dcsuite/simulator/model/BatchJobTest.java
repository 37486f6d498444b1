package org.dcsuite.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dcsuite.core.time.MutableClock;
import org.junit.jupiter.api.Test;

class BatchJobTest {

    private static final double JOB_W = 500;

    private static double itPower(SimulatedFleet fleet) {
        return fleet.ups(TestSites.UPS).outputPowerW();
    }

    @Test
    void aJobMovedToAnotherHourMovesItsPower() {
        Instant night = TestSites.MIDNIGHT.plus(Duration.ofHours(2));
        Instant afternoon = TestSites.MIDNIGHT.plus(Duration.ofHours(13));
        MutableClock c1 = new MutableClock(TestSites.MIDNIGHT);
        MutableClock c2 = new MutableClock(TestSites.MIDNIGHT);
        SimulatedFleet stays = new SimulatedFleet(List.of(TestSites.site()), 21, c1);
        SimulatedFleet moved = new SimulatedFleet(List.of(TestSites.site()), 21, c2);
        BatchJob job = new BatchJob("backup", night, Duration.ofHours(1), JOB_W);
        stays.addBatchJob(TestSites.SITE, job);
        moved.addBatchJob(TestSites.SITE, job);
        assertThat(moved.moveBatchJob("backup", afternoon).start()).isEqualTo(afternoon);
        assertThat(moved.batchJobs(TestSites.SITE)).extracting(BatchJob::start).containsExactly(afternoon);

        c1.set(night.plus(Duration.ofMinutes(30)));
        c2.set(night.plus(Duration.ofMinutes(30)));
        double nightDifference = itPower(stays) - itPower(moved);
        c1.set(afternoon.plus(Duration.ofMinutes(30)));
        c2.set(afternoon.plus(Duration.ofMinutes(30)));
        double afternoonDifference = itPower(moved) - itPower(stays);

        // The job's DC power reaches the PDUs through PSUs of 90-94% efficiency.
        assertThat(nightDifference).isBetween(JOB_W, JOB_W / 0.88);
        assertThat(afternoonDifference).isBetween(JOB_W, JOB_W / 0.88);

        c1.set(afternoon.plus(Duration.ofHours(2)));
        c2.set(afternoon.plus(Duration.ofHours(2)));
        assertThat(itPower(moved)).isEqualTo(itPower(stays));
    }

    @Test
    void jobsAreValidated() {
        SimulatedFleet fleet = new SimulatedFleet(List.of(TestSites.site()), 21, new MutableClock(TestSites.MIDNIGHT));
        fleet.addBatchJob(TestSites.SITE, new BatchJob("a", TestSites.MIDNIGHT, Duration.ofHours(1), 100));
        assertThatThrownBy(() -> fleet.addBatchJob(TestSites.SITE,
                new BatchJob("a", TestSites.MIDNIGHT, Duration.ofHours(1), 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> fleet.moveBatchJob("b", TestSites.MIDNIGHT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchJob("c", TestSites.MIDNIGHT, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
