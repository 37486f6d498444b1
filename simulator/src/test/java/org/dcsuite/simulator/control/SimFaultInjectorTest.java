package org.dcsuite.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.simulator.state.Feed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimFaultInjectorTest {

    private static final String PDU = "dallas-r01-pdu-a";
    private static final String SERVER = "dallas-r01-srv-01";

    @TempDir
    Path dir;

    private SimControlTestFleet t;

    @BeforeEach
    void setUp() throws Exception {
        t = new SimControlTestFleet(dir);
    }

    private SimFaultRequest parse(Map<String, String> fields) {
        return SimFaultRequest.parse(fields, t.clock);
    }

    @Test
    void wireFaultsReachTheScheduleForTheirWindow() {
        SimInjectedFault f = t.injector.inject("test", parse(Map.of("device", PDU, "fault", "down", "for", "5m")));

        assertThat(f.start()).isEqualTo(SimControlTestFleet.T0);
        assertThat(f.end()).contains(SimControlTestFleet.T0.plus(Duration.ofMinutes(5)));
        assertThat(t.wire.current(PDU).down()).isTrue();
        assertThat(t.injector.list()).containsExactly(f);

        t.clock.advance(Duration.ofMinutes(5));
        assertThat(t.wire.current(PDU).down()).isFalse();
        assertThat(t.injector.list()).as("ended faults drop out").isEmpty();
    }

    @Test
    void slowCarriesItsLatency() {
        t.injector.inject("test", parse(Map.of("device", SERVER, "fault", "slow", "latency", "2s")));

        assertThat(t.wire.current(SERVER).latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.injector.list().getFirst().details()).isEqualTo("latency 2s");
    }

    @Test
    void physicalFaultsReachTheModel() {
        double before = t.fleet.pdu(PDU).phases().get(0).powerW();
        t.injector.inject("test", parse(Map.of("device", PDU, "fault", "breaker_tripped", "phase", "l1")));
        t.clock.advance(Duration.ofSeconds(2));

        assertThat(before).isPositive();
        assertThat(t.fleet.pdu(PDU).phases().get(0).powerW()).isZero();
        assertThat(t.injector.list().getFirst().phase()).contains("L1");
    }

    @Test
    void feedLossTargetsASite() {
        SimInjectedFault f = t.injector.inject("test", parse(Map.of("device", "edge-dallas", "fault", "feed_lost",
                "feed", "a")));
        t.clock.advance(Duration.ofSeconds(2));

        assertThat(f.feed()).contains(Feed.A);
        assertThat(t.fleet.pdu(PDU).powerW()).isZero();
        assertThat(t.fleet.pdu("dallas-r01-pdu-b").powerW()).isPositive();
    }

    @Test
    void aCounterResetIsListedUntilItHappens() {
        Instant at = SimControlTestFleet.T0.plus(Duration.ofMinutes(1));
        t.injector.inject("test", parse(Map.of("device", PDU, "fault", "counter_reset", "start", at.toString())));
        assertThat(t.injector.list()).hasSize(1);

        t.clock.advance(Duration.ofMinutes(1));
        assertThat(t.injector.list()).isEmpty();
    }

    @Test
    void clearEndsEveryFaultOfTheDeviceAndOnlyThose() {
        t.injector.inject("test", parse(Map.of("device", PDU, "fault", "garbage")));
        t.injector.inject("test", parse(Map.of("device", PDU, "fault", "stuck_sensor")));
        t.injector.inject("test", parse(Map.of("device", SERVER, "fault", "auth_failure")));

        assertThat(t.injector.clear("test", PDU)).hasSize(2);

        assertThat(t.wire.current(PDU).garbage()).isFalse();
        assertThat(t.wire.current(SERVER).authFailure()).isTrue();
        assertThat(t.injector.list()).extracting(SimInjectedFault::target).containsExactly(SERVER);
    }

    @Test
    void faultsThatDoNotFitTheKindNameTheDeviceItsKindAndWhatItAccepts() {
        assertThatThrownBy(() -> t.injector.inject("test", parse(Map.of("device", "dallas-meter",
                "fault", "auth_failure"))))
                .isInstanceOfSatisfying(SimFaultInputException.class, e -> assertThat(e.field()).isEqualTo("fault"))
                .hasMessage("fault: device 'dallas-meter' is a meter, which accepts down, slow, garbage, "
                        + "counter_reset; not auth_failure");
        assertThatThrownBy(() -> t.injector.inject("test", parse(Map.of("device", SERVER, "fault", "on_battery"))))
                .hasMessageContaining("is a server, which accepts down, slow, garbage, auth_failure, stuck_sensor");
    }

    @Test
    void unknownTargetsAndMisfitOptionsNameTheField() {
        assertInvalid(Map.of("device", "nope", "fault", "down"), "device", "unknown simulated device 'nope'");
        assertInvalid(Map.of("device", PDU, "fault", "feed_lost", "feed", "A"), "device",
                "'" + PDU + "' is a pdu device; feed_lost takes a site id (edge-dallas, edge-lyon, edge-oslo)");
        assertInvalid(Map.of("device", "edge-dallas", "fault", "down"), "device", "is a site, which accepts only feed_lost");
        assertInvalid(Map.of("device", "edge-dallas", "fault", "feed_lost"), "feed", "needs the feed");
        assertInvalid(Map.of("device", SERVER, "fault", "slow"), "latency", "slow needs a latency");
        assertInvalid(Map.of("device", SERVER, "fault", "down", "latency", "1s"), "latency", "only slow");
        assertInvalid(Map.of("device", PDU, "fault", "breaker_tripped", "phase", "L4"), "phase", "no phase 'L4'");
        assertInvalid(Map.of("device", PDU, "fault", "down", "phase", "L1"), "phase", "only breaker_tripped");
        assertInvalid(Map.of("device", PDU, "fault", "counter_reset", "for", "1m"), "for", "instantaneous");
        assertInvalid(Map.of("device", PDU, "fault", "down", "for", "0s"), "for", "greater than zero");
        assertInvalid(Map.of("device", PDU, "fault", "down", "for", "soon"), "for", "invalid duration");
        assertInvalid(Map.of("device", PDU, "fault", "down", "start", "tomorrow"), "start", "tomorrow");
        assertInvalid(Map.of("device", PDU, "fault", "explode"), "fault", "unknown fault 'explode'; use one of down");
        assertInvalid(Map.of("fault", "down"), "device", "required");
        assertInvalid(Map.of("device", PDU, "fault", "down", "until", "1m"), "until", "unknown field");
        assertThat(t.injector.list()).isEmpty();
    }

    @Test
    void clearOfAnUnknownIdIsRefused() {
        assertThatThrownBy(() -> t.injector.clear("test", "nope")).isInstanceOf(SimFaultInputException.class)
                .hasMessage("device: unknown simulated device or site 'nope'");
    }

    @Test
    void aFutureStartWaitsOnTheSimulationClock() {
        t.injector.inject("test", new SimFaultRequest(PDU, SimFaultType.DOWN,
                Optional.of(SimControlTestFleet.T0.plusSeconds(60)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(t.wire.current(PDU).down()).isFalse();
        t.clock.advance(Duration.ofSeconds(60));
        assertThat(t.wire.current(PDU).down()).isTrue();
    }

    private void assertInvalid(Map<String, String> fields, String field, String message) {
        assertThatThrownBy(() -> t.injector.inject("test", parse(fields)))
                .isInstanceOfSatisfying(SimFaultInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }
}
