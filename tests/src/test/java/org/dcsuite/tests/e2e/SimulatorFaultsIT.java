package org.dcsuite.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.config.ConfigLoader;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.model.Device;
import org.dcsuite.drivers.DeviceDrivers;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;
import org.dcsuite.drivers.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault type of {@code dcsuite simulate}, injected through the {@code dcsuite simulate fault} CLI into the
 * running jar and observed from the outside only, through the real drivers, as a monitoring system would see it.
 * At {@code --speed 60} a real second is a simulated minute, so thermal and energy effects show within seconds.
 */
class SimulatorFaultsIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The bound on every "eventually": generous, since a loaded CI machine may be slow. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONTROL = Pattern.compile("control API: (http://127\\.0\\.0\\.1:\\d+) \\(bearer token in (.+?);");

    @TempDir
    Path work;

    private Map<String, Device> devices;
    private String controlUrl;
    private Path tokenFile;

    @Test
    void everyFaultTypeIsObservableThroughTheDrivers() throws Exception {
        Path config = SmallFleetConfig.write(work);
        DcsuiteConfig loaded = ConfigLoader.load(config);
        devices = new java.util.LinkedHashMap<>();
        loaded.devices().forEach(d -> devices.put(d.id(), d));
        try (DcsuiteProcess sim = DcsuiteProcess.start(work, "simulate", "--config", config.toString(), "--seed", "7",
                "--speed", "60", "--control-port", "0", "--token-file", work.resolve("state/control.token").toString())) {
            Matcher m = CONTROL.matcher(sim.awaitLine(l -> CONTROL.matcher(l).find(), START_TIMEOUT));
            assertThat(m.find()).isTrue();
            controlUrl = m.group(1);
            tokenFile = Path.of(m.group(2));
            sim.awaitLine(l -> l.startsWith("dcsuite simulator running"), START_TIMEOUT);
            String token = Files.readString(tokenFile).trim();
            assertThat(token).hasSizeGreaterThan(30);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(sim.stdout()).noneMatch(l -> l.contains(token));
            assertThat(api("GET", "/faults", "Bearer wrong").statusCode()).isEqualTo(401);

            // down: SNMP datagrams are dropped, the poll times out; after clear it answers again.
            cli("fault", "r01-pdu-b", "down", "--for", "1h");
            assertThat(failure("r01-pdu-b")).isEqualTo(DriverErrorKind.TIMEOUT);
            clear("r01-pdu-b");
            assertThat(poll("r01-pdu-b").readings()).isNotEmpty();

            // slow: answers come late but come.
            cli("fault", "r01-srv-01", "slow", "--latency", "200ms");
            assertThat(pollPatiently("r01-srv-01").readings()).isNotEmpty();
            clear("r01-srv-01");

            // garbage: bytes that are not HTTP.
            cli("fault", "r01-srv-02", "garbage");
            assertThat(failure("r01-srv-02")).isEqualTo(DriverErrorKind.PROTOCOL);
            clear("r01-srv-02");

            // auth_failure: Redfish says so; an SNMPv2c agent stays silent about a community it refuses.
            cli("fault", "r01-srv-01", "auth_failure");
            cli("fault", "site1-ups", "auth_failure");
            assertThat(failure("r01-srv-01")).isEqualTo(DriverErrorKind.AUTH);
            assertThat(failure("site1-ups")).isIn(DriverErrorKind.TIMEOUT, DriverErrorKind.AUTH);
            clear("r01-srv-01");
            clear("site1-ups");
            assertThat(poll("r01-srv-01").readings()).isNotEmpty();

            // counter_reset: the PDU's energy counter drops below what it read before.
            double energy = total(poll("r01-pdu-a"), "hw.energy");
            assertThat(energy).isPositive();
            cli("fault", "r01-pdu-a", "counter_reset");
            eventually("r01-pdu-a energy below " + energy, () -> total(poll("r01-pdu-a"), "hw.energy"), e -> e < energy);

            // stuck_sensor and cooling_failed together: the room heats up without its only cooling unit; the
            // server whose sensor is stuck keeps reading exactly the same while the other one's inlet rises.
            cli("fault", "r01-srv-01", "stuck_sensor");
            double stuck = inlet(poll("r01-srv-01"));
            double before = inlet(poll("r01-srv-02"));
            cli("fault", "site1-crac", "cooling_failed", "--for", "2h");
            eventually("r01-srv-02 inlet above " + before + " + 1", () -> inlet(poll("r01-srv-02")), t -> t > before + 1);
            assertThat(inlet(poll("r01-srv-01"))).as("stuck inlet of r01-srv-01").isEqualTo(stuck);
            cli("faults");
            clear("site1-crac");
            clear("r01-srv-01");
            eventually("r01-srv-01 inlet moving again", () -> inlet(poll("r01-srv-01")), t -> t != stuck);

            // breaker_tripped: every phase and outlet of the PDU reads 0 W; after clear, power is back.
            cli("fault", "r01-pdu-a", "breaker_tripped");
            eventually("r01-pdu-a phases at 0 W", () -> max(poll("r01-pdu-a"), "phase"), p -> p == 0);
            assertThat(max(poll("r01-pdu-a"), "outlet")).isZero();
            clear("r01-pdu-a");
            eventually("r01-pdu-a phases powered", () -> max(poll("r01-pdu-a"), "phase"), p -> p > 0);

            // feed_lost A: the A PDU goes dark and the B PDU carries the rack.
            double bBefore = total(poll("r01-pdu-b"), "hw.power");
            cli("fault", "site1", "feed_lost", "--feed", "A");
            eventually("r01-pdu-a at ~0 W", () -> total(poll("r01-pdu-a"), "hw.power"), p -> p < 1);
            eventually("r01-pdu-b carrying the rack (was " + bBefore + " W)", () -> total(poll("r01-pdu-b"), "hw.power"),
                    p -> p > 1.5 * bBefore);
            clear("site1");

            // on_battery: UPS-MIB upsOutputSource battery(5), which the driver emits as hw.status{hw.state=on_battery}.
            assertThat(onBattery(poll("site1-ups"))).isZero();
            cli("fault", "site1-ups", "on_battery", "--for", "30m");
            eventually("site1-ups on battery", () -> onBattery(poll("site1-ups")), s -> s == 1);
            clear("site1-ups");
            eventually("site1-ups back on mains", () -> onBattery(poll("site1-ups")), s -> s == 0);

            DcsuiteProcess.Result list = cli("faults");
            assertThat(list.out()).isEqualTo("no faults");
            // Every injection and clear left an audit line naming the API as the actor.
            assertThat(sim.stderr()).anyMatch(l -> l.contains("audit who=api what=inject fault=down device=r01-pdu-b"))
                    .anyMatch(l -> l.contains("audit who=api what=clear device=site1"))
                    .noneMatch(l -> l.contains(token));

            assertThat(sim.terminate(START_TIMEOUT).exitCode()).isIn(0, 143);
            assertThat(tokenFile).as("token file removed at exit").doesNotExist();
        }
    }

    private DcsuiteProcess.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("simulate"));
        all.addAll(List.of(args));
        all.addAll(List.of("--control", controlUrl, "--token-file", tokenFile.toString()));
        DcsuiteProcess.Result r = DcsuiteProcess.run(work, CLI_TIMEOUT, all.toArray(String[]::new));
        assertThat(r.exitCode()).as("dcsuite %s: %s", all, r.err()).isZero();
        return r;
    }

    /** Clears through the API directly, which is quicker than a JVM per call and exercises DELETE. */
    private void clear(String id) throws Exception {
        HttpResponse<String> r = api("DELETE", "/faults/" + id, "Bearer " + Files.readString(tokenFile).trim());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private HttpResponse<String> api(String method, String path, String auth) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(controlUrl + path)).header("Authorization", auth)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A poll with a short timeout and no retry, as a failure should show quickly. */
    private PollResult poll(String id) {
        return poll(id, Duration.ofMillis(500));
    }

    private PollResult pollPatiently(String id) {
        return poll(id, Duration.ofSeconds(5));
    }

    private PollResult poll(String id, Duration timeout) {
        Device d = devices.get(id);
        DeviceTarget target = new DeviceTarget(d.id(), d.endpoint(), d.profile(), d.credentials(), timeout, 0,
                d.driver().options(), Clock.systemUTC());
        try (DeviceSession session = DeviceDrivers.forProtocol(d.endpoint().protocol()).open(target)) {
            return session.poll();
        }
    }

    private DriverErrorKind failure(String id) {
        DriverException e = catchThrowableOfType(DriverException.class, () -> poll(id));
        assertThat(e).as("poll of %s failed", id).isNotNull();
        return e.kind();
    }

    /** Polls until the value satisfies the condition; the last value and any error are in the failure message. */
    private static void eventually(String what, java.util.concurrent.Callable<Double> value, DoublePredicate ok)
            throws Exception {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                double v = value.call();
                if (ok.test(v)) {
                    return;
                }
                last = v;
            } catch (DriverException | AssertionError e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + EVENTUALLY + ": " + what + "; last: " + last);
    }

    /** The device-level total of a metric: the reading without an outlet or phase attribute. */
    private static double total(PollResult r, String metric) {
        return r.readings().stream()
                .filter(x -> x.metric().equals(metric) && !x.attributes().containsKey("outlet")
                        && !x.attributes().containsKey("phase"))
                .mapToDouble(Reading::value).findFirst()
                .orElseThrow(() -> new AssertionError("no total " + metric + " in " + r.readings()));
    }

    /** The largest power among the phases or outlets. */
    private static double max(PollResult r, String attribute) {
        return r.readings().stream().filter(x -> x.metric().equals("hw.power") && x.attributes().containsKey(attribute))
                .mapToDouble(Reading::value).max()
                .orElseThrow(() -> new AssertionError("no hw.power per " + attribute + " in " + r.readings()));
    }

    private static double inlet(PollResult r) {
        Predicate<Reading> isInlet = x -> x.metric().equals("hw.temperature") && x.attributes().values().stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("inlet"));
        return r.readings().stream().filter(isInlet).mapToDouble(Reading::value).findFirst()
                .orElseThrow(() -> new AssertionError("no inlet temperature in " + r.readings()));
    }

    private static double onBattery(PollResult r) {
        return r.readings().stream().filter(x -> x.metric().equals("hw.status")
                        && "on_battery".equals(x.attributes().get("hw.state")))
                .mapToDouble(Reading::value).findFirst()
                .orElseThrow(() -> new AssertionError("no hw.status{hw.state=on_battery} in " + r.readings()));
    }
}
