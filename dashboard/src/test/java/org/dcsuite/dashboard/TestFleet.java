package org.dcsuite.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dcsuite.core.config.CollectorsConfig;
import org.dcsuite.core.config.DashboardConfig;
import org.dcsuite.core.config.DashboardUser;
import org.dcsuite.core.config.DcsuiteConfig;
import org.dcsuite.core.config.HttpConfig;
import org.dcsuite.core.config.ReceiversConfig;
import org.dcsuite.core.config.StoreConfig;
import org.dcsuite.core.config.TracingConfig;
import org.dcsuite.core.model.Credentials;
import org.dcsuite.core.model.Device;
import org.dcsuite.core.model.DeviceKind;
import org.dcsuite.core.model.DriverSettings;
import org.dcsuite.core.model.Endpoint;
import org.dcsuite.core.model.Feed;
import org.dcsuite.core.model.PowerRating;
import org.dcsuite.core.model.Rack;
import org.dcsuite.core.model.Room;
import org.dcsuite.core.model.Site;
import org.dcsuite.core.model.TemperatureEnvelope;
import org.dcsuite.core.model.VoltageConvention;
import org.dcsuite.core.security.PasswordHash;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.series.Sample;
import org.dcsuite.core.series.SeriesKey;

/**
 * A small fleet for tests: site {@code lyon} (the default inlet envelope, meter, rack r01 with a 4000 W budget, PDUs
 * on feeds A/B rated 16 A per phase, three phase, 230 V line-to-neutral, and two servers) and site {@code oslo} (inlet
 * envelope 18–25 °C, rack r01 with a 5000 W budget, one PDU without feed or rating, one server, no meter), plus one
 * user per role whose password is the role's name followed by {@code -pass}.
 */
public final class TestFleet {

    /** The Lyon PDUs' configured rating: 3 x 230 V x 16 A = 11040 W. */
    public static final PowerRating PDU_RATING = new PowerRating(16, 230, VoltageConvention.LINE_TO_NEUTRAL, 3);
    /** Oslo's configured inlet envelope, narrower than ASHRAE's recommended 18–27 °C. */
    public static final TemperatureEnvelope OSLO_ENVELOPE = new TemperatureEnvelope(18, 25);
    /** Hashing at full strength takes ~0.3 s each, so the users are created once per JVM. */
    private static final List<DashboardUser> USERS = createUsers();

    private TestFleet() {
    }

    public static String password(Role role) {
        return role.id() + "-pass";
    }

    public static List<DashboardUser> users() {
        return USERS;
    }

    public static DcsuiteConfig config() {
        Site lyon = new Site("lyon", "Lyon edge", ZoneId.of("Europe/Paris"), Optional.empty(), Optional.empty(),
                TemperatureEnvelope.ASHRAE_RECOMMENDED,
                List.of(new Room("room-1", "Server room", List.of(new Rack("r01", "r01", OptionalDouble.of(4000),
                        List.of(pdu("lyon-pdu-a", Feed.A, "snmp://127.0.0.1:161"),
                                pdu("lyon-pdu-b", Feed.B, "snmp://127.0.0.1:162"),
                                device("lyon-srv-1", DeviceKind.SERVER, "redfish://127.0.0.1:8001"),
                                device("lyon-srv-2", DeviceKind.SERVER, "redfish://127.0.0.1:8002")))),
                        List.of())),
                List.of(device("lyon-meter", DeviceKind.METER, "modbus://127.0.0.1:502")));
        Site oslo = new Site("oslo", "Oslo edge", ZoneId.of("Europe/Oslo"), Optional.empty(), Optional.empty(),
                OSLO_ENVELOPE,
                List.of(new Room("room-1", "Server room", List.of(new Rack("r01", "r01", OptionalDouble.of(5000),
                        List.of(device("oslo-pdu-a", DeviceKind.PDU, "snmp://127.0.0.1:163"),
                                device("oslo-srv-1", DeviceKind.SERVER, "redfish://127.0.0.1:8003")))),
                        List.of())),
                List.of());
        return new DcsuiteConfig(Path.of("/tmp"), StoreConfig.DEFAULT, HttpConfig.DEFAULT, ReceiversConfig.DEFAULT,
                TracingConfig.DEFAULT, new DashboardConfig(0, Duration.ofMinutes(30), USERS), CollectorsConfig.DEFAULT,
                List.of(lyon, oslo));
    }

    /**
     * {@link #config()} with cooling units: {@code lyon-crac-1} and {@code lyon-crac-2} in Lyon's server room, and
     * {@code lyon-crac-3}, which reports nothing, alone in a second room, "Hall B".
     */
    public static DcsuiteConfig configWithCooling() {
        DcsuiteConfig base = config();
        Site lyon = base.sites().getFirst();
        Room serverRoom = lyon.rooms().getFirst();
        Site withCooling = new Site(lyon.id(), lyon.name(), lyon.timeZone(), lyon.gridRegion(), lyon.location(),
                lyon.inletEnvelope(),
                List.of(new Room(serverRoom.id(), serverRoom.name(), serverRoom.racks(),
                                List.of(device("lyon-crac-1", DeviceKind.COOLING, "modbus://127.0.0.1:503"),
                                        device("lyon-crac-2", DeviceKind.COOLING, "modbus://127.0.0.1:504"))),
                        new Room("room-2", "Hall B", List.of(),
                                List.of(device("lyon-crac-3", DeviceKind.COOLING, "modbus://127.0.0.1:505")))),
                lyon.devices());
        return new DcsuiteConfig(base.directory(), base.store(), base.http(), base.receivers(), base.tracing(),
                base.dashboard(), base.collectors(), List.of(withCooling, base.sites().get(1)));
    }

    /**
     * Cooling samples at {@code t} (generic-crac readings): crac-1 supply 18.0 °C (setpoint 18.0), return 28.5 °C,
     * fan 1200 rpm, 20 kW, running; crac-2 supply 19.0 °C, return 27.0 °C, fan at 65 % (a ratio), 15 kW, running
     * with a fan failure alarm, no setpoint; crac-3 nothing.
     */
    public static List<Sample> coolingSamples(Instant t) {
        List<Sample> out = new ArrayList<>();
        for (String[] unit : new String[][] {{"lyon-crac-1", "18.0", "28.5", "20000"},
                {"lyon-crac-2", "19.0", "27.0", "15000"}}) {
            String d = unit[0];
            out.add(sample("hw.temperature", "lyon", d, t, Double.parseDouble(unit[1]), "hw.id", "supply_air",
                    "hw.name", "Supply air", "hw.type", "temperature"));
            out.add(sample("hw.temperature", "lyon", d, t, Double.parseDouble(unit[2]), "hw.id", "return_air",
                    "hw.name", "Return air", "hw.type", "temperature"));
            out.add(sample("hw.power", "lyon", d, t, Double.parseDouble(unit[3]), "hw.id", "cooling",
                    "hw.type", "cooling"));
            out.add(sample("hw.cooling.running", "lyon", d, t, 1));
            out.add(sample("hw.cooling.alarm", "lyon", d, t, d.endsWith("2") ? 1 : 0, "alarm", "fan_failure"));
            out.add(sample("hw.cooling.alarm", "lyon", d, t, 0, "alarm", "water_leak"));
        }
        out.add(sample("hw.temperature.setpoint", "lyon", "lyon-crac-1", t, 18.0, "hw.id", "supply_air",
                "hw.type", "temperature"));
        out.add(sample("hw.fan.speed", "lyon", "lyon-crac-1", t, 1200, "hw.id", "fan", "hw.type", "fan"));
        out.add(sample("hw.fan.speed_ratio", "lyon", "lyon-crac-2", t, 0.65, "hw.id", "fan", "hw.type", "fan"));
        return out;
    }

    /**
     * Samples at {@code t}: Lyon PDUs 1500 W + 1700 W inlet totals (phase and outlet readings that must not be
     * added), meter 4000 W total (phases must not be added), server inlets 24.5 and 29.0 °C (CPU 70 °C is not an
     * inlet); devices up except lyon-srv-2 (down, 3 timeouts, 1 refused); oslo-srv-1 has no health data.
     */
    public static List<Sample> samples(Instant t) {
        List<Sample> out = new ArrayList<>();
        long ms = t.toEpochMilli();
        out.add(power("lyon", "lyon-pdu-a", ms, 1500, "hw.id", "inlet-1"));
        out.add(power("lyon", "lyon-pdu-a", ms, 500, "hw.id", "inlet-1-phase-1", "phase", "1"));
        out.add(power("lyon", "lyon-pdu-a", ms, 120, "hw.id", "outlet-1", "outlet", "1"));
        out.add(power("lyon", "lyon-pdu-b", ms, 1700, "hw.id", "inlet-1"));
        out.add(power("lyon", "lyon-meter", ms, 4000));
        out.add(power("lyon", "lyon-meter", ms, 1333, "phase", "L1"));
        out.add(power("lyon", "lyon-srv-1", ms, 400, "hw.id", "Chassis/1/Sensors/TotalPower"));
        out.add(power("oslo", "oslo-pdu-a", ms, 2200, "hw.id", "inlet-1"));
        out.add(temp("lyon", "lyon-srv-1", ms, 24.5, "Chassis/1/Sensors/InletTemp", "Inlet Temperature"));
        out.add(temp("lyon", "lyon-srv-2", ms, 29.0, "Chassis/1/Sensors/InletTemp", "Inlet Temperature"));
        out.add(temp("lyon", "lyon-srv-2", ms, 70.0, "Chassis/1/Sensors/CPUTemp", "CPU Temperature"));
        out.add(temp("oslo", "oslo-srv-1", ms, 17.0, "Chassis/1/Sensors/InletTemp", "Inlet Temperature"));
        for (String d : List.of("lyon-meter", "lyon-pdu-a", "lyon-pdu-b", "lyon-srv-1", "oslo-pdu-a")) {
            String site = d.substring(0, d.indexOf('-'));
            out.add(health("dcsuite.device.up", site, d, ms, 1));
            out.add(health("dcsuite.device.poll.duration", site, d, ms, 0.125));
            out.add(health("dcsuite.device.last_success", site, d, ms, (ms - 2000) / 1000.0));
        }
        out.add(health("dcsuite.device.up", "lyon", "lyon-srv-2", ms, 0));
        out.add(health("dcsuite.device.poll.duration", "lyon", "lyon-srv-2", ms, 2.5));
        out.add(health("dcsuite.device.last_success", "lyon", "lyon-srv-2", ms, (ms - 600_000) / 1000.0));
        out.add(new Sample(key("dcsuite.device.errors", "lyon", "lyon-srv-2", "kind", "timeout"), ms, 3));
        out.add(new Sample(key("dcsuite.device.errors", "lyon", "lyon-srv-2", "kind", "refused"), ms, 1));
        out.add(new Sample(key("dcsuite.device.errors", "lyon", "lyon-srv-2", "kind", "auth"), ms, 0));
        return out;
    }

    /** One sample of {@code metric} for a device, with extra attributes as name, value pairs. */
    public static Sample sample(String metric, String site, String device, Instant t, double value, String... attrs) {
        return new Sample(key(metric, site, device, attrs), t.toEpochMilli(), value);
    }

    private static Sample power(String site, String device, long ms, double watts, String... attrs) {
        return new Sample(key("hw.power", site, device, attrs), ms, watts);
    }

    private static Sample temp(String site, String device, long ms, double c, String id, String name) {
        return new Sample(key("hw.temperature", site, device, "hw.id", id, "hw.name", name, "hw.type", "temperature"),
                ms, c);
    }

    private static Sample health(String metric, String site, String device, long ms, double v) {
        return new Sample(key(metric, site, device), ms, v);
    }

    private static SeriesKey key(String metric, String site, String device, String... attrs) {
        String[] all = new String[attrs.length + 4];
        all[0] = "site";
        all[1] = site;
        all[2] = "device";
        all[3] = device;
        System.arraycopy(attrs, 0, all, 4, attrs.length);
        return SeriesKey.of(metric, all);
    }

    /** A PDU on a feed with {@link #PDU_RATING}. */
    private static Device pdu(String id, Feed feed, String endpoint) {
        return new Device(id, id, DeviceKind.PDU, Endpoint.parse(endpoint), Optional.of("test-profile"),
                Optional.empty(), Credentials.NONE, Optional.of(feed), Optional.of(PDU_RATING), Map.of(), List.of(),
                DriverSettings.DEFAULT);
    }

    private static Device device(String id, DeviceKind kind, String endpoint) {
        return Device.of(id, kind, Endpoint.parse(endpoint), "test-profile");
    }

    private static List<DashboardUser> createUsers() {
        List<DashboardUser> users = new ArrayList<>();
        for (Role role : Role.values()) {
            users.add(new DashboardUser(role.id(), role, PasswordHash.create(password(role).toCharArray())));
        }
        return List.copyOf(users);
    }
}
