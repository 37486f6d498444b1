package org.dcsuite.simulator.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.community;
import static org.dcsuite.simulator.snmp.SimSnmpFixtures.target;

import java.time.Duration;
import java.util.Map;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.snmp.SnmpDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wire faults as the real driver sees them, and that the agent recovers once they clear. */
class SimSnmpFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int RETRIES = 1;
    /** The driver's bound: timeout x (retries + 1), plus slack for a loaded machine. */
    private static final long BOUND_MILLIS = TIMEOUT.toMillis() * (RETRIES + 1) + 1_500;

    private final SimSnmpFixtures.Faults faults = new SimSnmpFixtures.Faults();
    private SimSnmpAgent agent;

    @BeforeEach
    void start() {
        agent = SimSnmpFixtures.withCredentials(SimSnmpAgent.ups("ups-1", () -> SimSnmpFixtures.ups(false)))
                .faults(faults).start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    private PollResult poll(Credentials credentials) {
        try (DeviceSession s = new SnmpDriver().open(target(agent.port(), "ups-mib", credentials, Map.of(), TIMEOUT,
                RETRIES))) {
            return s.poll();
        }
    }

    private static Credentials v2c() {
        return community(SimSnmpFixtures.READ_COMMUNITY);
    }

    private static Credentials v3() {
        return SimSnmpFixtures.user(SimSnmpFixtures.USER, SimSnmpFixtures.AUTH_PASS, SimSnmpFixtures.PRIV_PASS);
    }

    private static DriverErrorKind failure(Runnable poll) {
        long start = System.nanoTime();
        DriverException[] caught = new DriverException[1];
        assertThatThrownBy(poll::run).isInstanceOfSatisfying(DriverException.class, e -> caught[0] = e);
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(BOUND_MILLIS);
        return caught[0].kind();
    }

    @Test
    void downIsATimeoutWithinTheDriversBoundAndClearsAfterwards() {
        faults.set(true, Duration.ZERO, false, false);
        assertThat(failure(() -> poll(v2c()))).isEqualTo(DriverErrorKind.TIMEOUT);
        assertThat(failure(() -> poll(v3()))).isEqualTo(DriverErrorKind.TIMEOUT);
        faults.clear();
        assertThat(poll(v2c()).readings()).isNotEmpty();
    }

    @Test
    void authFailureIsATimeoutForV2cAndAnAuthErrorForV3() {
        faults.set(false, Duration.ZERO, false, true);
        assertThat(failure(() -> poll(v2c()))).isEqualTo(DriverErrorKind.TIMEOUT);
        // USM without the user reports usmStatsUnknownUserNames, which the driver turns into AUTH.
        assertThat(failure(() -> poll(v3()))).isEqualTo(DriverErrorKind.AUTH);
        faults.clear();
        assertThat(poll(v2c()).readings()).isNotEmpty();
        assertThat(poll(v3()).readings()).isNotEmpty();
    }

    @Test
    void garbageIsAProtocolErrorAndClearsAfterwards() {
        faults.set(false, Duration.ZERO, true, false);
        assertThat(failure(() -> poll(v2c()))).isEqualTo(DriverErrorKind.PROTOCOL);
        faults.clear();
        assertThat(poll(v2c()).readings()).isNotEmpty();
    }

    @Test
    void latencyDelaysEveryAnswer() {
        faults.set(false, Duration.ofMillis(150), false, false);
        long start = System.nanoTime();
        PollResult r = poll(v2c());
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isGreaterThanOrEqualTo(150);
        assertThat(r.readings()).isNotEmpty();
    }
}
