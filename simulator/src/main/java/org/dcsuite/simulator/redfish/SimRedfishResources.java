package org.dcsuite.simulator.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dcsuite.simulator.state.DeviceControls.ResetType;
import org.dcsuite.simulator.state.ServerState;

/**
 * The Redfish resources of one server at one instant, keyed by their raw URI path. Built from one
 * {@link ServerState} per request, so a response (and everything an {@code $expand} pulls in) is one consistent
 * snapshot. The shapes follow the DMTF public-rackmount1 mockup, trimmed to what the state can fill.
 */
final class SimRedfishResources {

    static final String ROOT = "/redfish/v1/";
    static final String SYSTEMS = "/redfish/v1/Systems";
    static final String CHASSIS = "/redfish/v1/Chassis";
    static final String MANAGERS = "/redfish/v1/Managers";
    /** The inventory strings every simulated server reports; the serial number is derived from the server's id. */
    static final String MANUFACTURER = "dcsuite";
    static final String MODEL = "Simulated 1U server";
    static final String BIOS_VERSION = "SIM-BIOS 2.4.1";
    static final String BMC_FIRMWARE_VERSION = "sim-bmc 1.8.0";
    private static final String BMC_ID = "BMC";
    static final String SESSION_SERVICE = "/redfish/v1/SessionService";
    static final String SESSIONS = SESSION_SERVICE + "/Sessions";
    /** Deepest {@code $expand} level served; deeper requests are a 400. */
    static final int MAX_EXPAND_LEVELS = 6;

    private static final String RESET = "#ComputerSystem.Reset";
    /** Sensor ids, also the MemberIds of the legacy Thermal temperatures, so both generations name them alike. */
    private static final String INLET = "InletTemp";
    private static final String CPU = "CPUTemp";
    private static final String TOTAL_POWER = "TotalPower";

    private final Map<String, ObjectNode> byPath = new LinkedHashMap<>();

    private SimRedfishResources() {
    }

    /** The path of the system's reset action. */
    static String resetTarget() {
        return SYSTEMS + "/" + SimRedfishServer.SYSTEM_ID + "/Actions/ComputerSystem.Reset";
    }

    static SimRedfishResources of(ServerState s, List<SimRedfishSessions.Session> sessions, long sessionTimeoutS) {
        SimRedfishResources r = new SimRedfishResources();
        r.serviceRoot();
        r.systems(s);
        r.chassis(s);
        r.managers();
        r.sessions(sessions, sessionTimeoutS);
        return r;
    }

    /** Serves a resource built elsewhere (the event service's). */
    void put(String path, ObjectNode resource) {
        byPath.put(path, resource);
    }

    /** The resource at a raw path ({@code /redfish/v1} and trailing slashes accepted). */
    Optional<ObjectNode> get(String rawPath) {
        String p = rawPath.equals("/redfish/v1") ? ROOT
                : rawPath.length() > ROOT.length() && rawPath.endsWith("/") ? rawPath.substring(0,
                        rawPath.length() - 1) : rawPath;
        return Optional.ofNullable(byPath.get(p));
    }

    /** Which references an {@code $expand} replaces by the resource they point to. */
    enum Expand {
        /** {@code *}: every reference. */
        ALL,
        /** {@code .}: subordinate references, those outside {@code Links}. */
        SUBORDINATE,
        /** {@code ~}: only references inside {@code Links}. */
        LINKS
    }

    /** A copy of the resource with references expanded {@code levels} deep, as {@code $expand} asks. */
    ObjectNode expand(ObjectNode resource, Expand mode, int levels) {
        ObjectNode copy = resource.deepCopy();
        expandInto(copy, mode, levels, false);
        return copy;
    }

    private void expandInto(JsonNode node, Expand mode, int levels, boolean inLinks) {
        if (levels <= 0) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                boolean links = inLinks || e.getKey().equals("Links");
                reference(e.getValue(), mode, links).ifPresentOrElse(
                        target -> object.set(e.getKey(), expanded(target, mode, levels)),
                        () -> expandInto(e.getValue(), mode, levels, links));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                reference(array.get(i), mode, inLinks).ifPresentOrElse(
                        target -> array.set(index, expanded(target, mode, levels)),
                        () -> expandInto(array.get(index), mode, levels, inLinks));
            }
        }
    }

    private ObjectNode expanded(ObjectNode target, Expand mode, int levels) {
        ObjectNode copy = target.deepCopy();
        expandInto(copy, mode, levels - 1, false);
        return copy;
    }

    /** The served resource a bare {@code {"@odata.id": ...}} points to, if this mode expands it. */
    private Optional<ObjectNode> reference(JsonNode node, Expand mode, boolean inLinks) {
        if (!(node instanceof ObjectNode o) || o.size() != 1 || !o.has("@odata.id")) {
            return Optional.empty();
        }
        boolean wanted = switch (mode) {
            case ALL -> true;
            case SUBORDINATE -> !inLinks;
            case LINKS -> inLinks;
        };
        String id = o.get("@odata.id").asText();
        // Fragment references point into an array of a resource already present, not to a resource.
        return wanted && !id.contains("#") ? Optional.ofNullable(byPath.get(id)) : Optional.empty();
    }

    // ---- The resources ------------------------------------------------------------------------------------

    private void serviceRoot() {
        ObjectNode root = resource(ROOT, "#ServiceRoot.v1_15_0.ServiceRoot", "RootService", "Root Service")
                .put("RedfishVersion", "1.15.0");
        ObjectNode features = root.putObject("ProtocolFeaturesSupported");
        features.putObject("ExpandQuery")
                .put("ExpandAll", true)
                .put("Levels", true)
                .put("MaxLevels", MAX_EXPAND_LEVELS)
                .put("Links", true)
                .put("NoLinks", true);
        features.put("SelectQuery", false).put("FilterQuery", false).put("OnlyMemberQuery", false)
                .put("ExcerptQuery", false);
        link(root, "Systems", SYSTEMS);
        link(root, "Chassis", CHASSIS);
        link(root, "Managers", MANAGERS);
        link(root, "SessionService", SESSION_SERVICE);
        link(root, "EventService", SimRedfishEventService.SERVICE);
        link(root.putObject("Links"), "Sessions", SESSIONS);
    }

    private void systems(ServerState s) {
        String path = SYSTEMS + "/" + SimRedfishServer.SYSTEM_ID;
        collection(SYSTEMS, "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection",
                List.of(path));
        ObjectNode system = resource(path, "#ComputerSystem.v1_20_0.ComputerSystem", SimRedfishServer.SYSTEM_ID,
                s.name())
                .put("SystemType", "Physical")
                .put("PowerState", powerState(s))
                .put("Manufacturer", MANUFACTURER)
                .put("Model", MODEL)
                .put("SerialNumber", serialNumber(s.id()))
                .put("BiosVersion", BIOS_VERSION);
        status(system, health(s.health()));
        ObjectNode links = system.putObject("Links");
        links.putArray("Chassis").add(ref(chassisPath()));
        links.putArray("ManagedBy").add(ref(MANAGERS + "/" + BMC_ID));
        ObjectNode reset = system.putObject("Actions").putObject(RESET).put("target", resetTarget());
        ArrayNode allowed = reset.putArray("ResetType@Redfish.AllowableValues");
        for (ResetType t : ResetType.values()) {
            allowed.add(t.redfishName());
        }
    }

    /** A serial number that stays the same for a server across restarts and differs between servers. */
    static String serialNumber(String serverId) {
        return "SIM" + String.format("%08X", serverId.hashCode());
    }

    private void managers() {
        String path = MANAGERS + "/" + BMC_ID;
        collection(MANAGERS, "#ManagerCollection.ManagerCollection", "Manager Collection", List.of(path));
        ObjectNode bmc = resource(path, "#Manager.v1_19_0.Manager", BMC_ID, "Baseboard Management Controller")
                .put("ManagerType", "BMC")
                .put("FirmwareVersion", BMC_FIRMWARE_VERSION);
        ObjectNode links = bmc.putObject("Links");
        links.putArray("ManagerForServers").add(ref(SYSTEMS + "/" + SimRedfishServer.SYSTEM_ID));
        links.putArray("ManagerForChassis").add(ref(chassisPath()));
    }

    static String chassisPath() {
        return CHASSIS + "/" + SimRedfishServer.CHASSIS_ID;
    }

    private void chassis(ServerState s) {
        String path = chassisPath();
        collection(CHASSIS, "#ChassisCollection.ChassisCollection", "Chassis Collection", List.of(path));
        ObjectNode chassis = resource(path, "#Chassis.v1_25_0.Chassis", SimRedfishServer.CHASSIS_ID, s.name())
                .put("ChassisType", "RackMount")
                .put("PowerState", powerState(s));
        status(chassis, health(s.health()));
        link(chassis, "PowerSubsystem", path + "/PowerSubsystem");
        link(chassis, "ThermalSubsystem", path + "/ThermalSubsystem");
        link(chassis, "EnvironmentMetrics", path + "/EnvironmentMetrics");
        link(chassis, "Sensors", path + "/Sensors");
        // Both schema generations at once, as BMCs in transition serve them; the old one is marked deprecated.
        chassis.put("Power@Redfish.Deprecated", "Please migrate to use " + path + "/PowerSubsystem");
        link(chassis, "Power", path + "/Power");
        chassis.put("Thermal@Redfish.Deprecated", "Please migrate to use " + path + "/ThermalSubsystem");
        link(chassis, "Thermal", path + "/Thermal");
        chassis.putObject("Links").putArray("ComputerSystems").add(ref(SYSTEMS + "/" + SimRedfishServer.SYSTEM_ID));

        legacyPower(s, path);
        legacyThermal(s, path);
        sensors(s, path);
        environment(s, path);
        powerSubsystem(s, path);
        thermalSubsystem(s, path);
    }

    private void legacyPower(ServerState s, String chassis) {
        String path = chassis + "/Power";
        ObjectNode power = resource(path, "#Power.v1_7_1.Power", "Power", "Power");
        ObjectNode control = power.putArray("PowerControl").addObject()
                .put("@odata.id", path + "#/PowerControl/0")
                .put("MemberId", "0")
                .put("Name", "System Input Power")
                .put("PowerConsumedWatts", s.inputPowerW());
        status(control, "OK");
        ArrayNode supplies = power.putArray("PowerSupplies");
        for (int i = 0; i < s.psus().size(); i++) {
            ServerState.Psu p = s.psus().get(i);
            ObjectNode psu = supplies.addObject()
                    .put("@odata.id", path + "#/PowerSupplies/" + i)
                    .put("MemberId", p.id())
                    .put("Name", psuName(p))
                    .put("PowerSupplyType", "AC")
                    .put("LineInputVoltageType", "ACWideRange")
                    .put("LineInputVoltage", p.inputVoltageV())
                    .put("PowerInputWatts", p.inputW())
                    .put("PowerOutputWatts", p.outputW())
                    .put("LastPowerOutputWatts", p.outputW());
            status(psu, psuHealth(p));
        }
    }

    private void legacyThermal(ServerState s, String chassis) {
        String path = chassis + "/Thermal";
        ObjectNode thermal = resource(path, "#Thermal.v1_7_1.Thermal", "Thermal", "Thermal");
        ArrayNode temperatures = thermal.putArray("Temperatures");
        temperature(temperatures.addObject(), path + "#/Temperatures/0", INLET, "Inlet Temp", "Intake",
                s.inletC());
        temperature(temperatures.addObject(), path + "#/Temperatures/1", CPU, "CPU Temp", "CPU", s.cpuC());
        ArrayNode fans = thermal.putArray("Fans");
        for (int i = 0; i < s.fans().size(); i++) {
            ServerState.Fan f = s.fans().get(i);
            ObjectNode fan = fans.addObject()
                    .put("@odata.id", path + "#/Fans/" + i)
                    .put("MemberId", f.id())
                    .put("Name", fanName(f))
                    .put("PhysicalContext", "Chassis")
                    .put("Reading", f.rpm())
                    .put("ReadingUnits", "RPM");
            status(fan, fanHealth(s, f));
        }
    }

    private static void temperature(ObjectNode t, String id, String memberId, String name, String context,
            double celsius) {
        t.put("@odata.id", id).put("MemberId", memberId).put("Name", name).put("ReadingCelsius", celsius)
                .put("PhysicalContext", context);
        status(t, "OK");
    }

    private void sensors(ServerState s, String chassis) {
        String base = chassis + "/Sensors";
        List<String> members = new ArrayList<>();
        members.add(sensor(base, INLET, "Inlet Temperature", "Temperature", "Cel", "Intake", s.inletC()));
        members.add(sensor(base, CPU, "CPU Temperature (hottest)", "Temperature", "Cel", "CPU", s.cpuC()));
        members.add(sensor(base, TOTAL_POWER, "Chassis Input Power", "Power", "W", "Chassis", s.inputPowerW()));
        byPath.get(members.getLast()).put("ElectricalContext", "Total");
        for (ServerState.Psu p : s.psus()) {
            members.add(sensor(base, p.id() + "InputPower", psuName(p) + " Input Power", "Power", "W",
                    "PowerSupply", p.inputW()));
            members.add(sensor(base, p.id() + "OutputPower", psuName(p) + " Output Power", "Power", "W",
                    "PowerSupply", p.outputW()));
            members.add(sensor(base, p.id() + "InputVoltage", psuName(p) + " Input Voltage", "Voltage", "V",
                    "PowerSupply", p.inputVoltageV()));
        }
        for (ServerState.Fan f : s.fans()) {
            members.add(sensor(base, f.id() + "Speed", fanName(f) + " Speed", "Rotational", "RPM", "Fan", f.rpm()));
        }
        collection(base, "#SensorCollection.SensorCollection", "Chassis Sensors", members);
    }

    private String sensor(String base, String id, String name, String readingType, String units, String context,
            double reading) {
        String path = base + "/" + segment(id);
        ObjectNode sensor = resource(path, "#Sensor.v1_7_0.Sensor", id, name)
                .put("ReadingType", readingType)
                .put("ReadingUnits", units)
                .put("PhysicalContext", context)
                .put("Reading", reading);
        status(sensor, "OK");
        return path;
    }

    private void environment(ServerState s, String chassis) {
        ObjectNode env = resource(chassis + "/EnvironmentMetrics", "#EnvironmentMetrics.v1_3_0.EnvironmentMetrics",
                "EnvironmentMetrics", "Chassis Environment Metrics");
        env.putObject("TemperatureCelsius").put("Reading", s.inletC())
                .put("DataSourceUri", chassis + "/Sensors/" + INLET);
        env.putObject("PowerWatts").put("Reading", s.inputPowerW())
                .put("DataSourceUri", chassis + "/Sensors/" + TOTAL_POWER);
    }

    private void powerSubsystem(ServerState s, String chassis) {
        String path = chassis + "/PowerSubsystem";
        ObjectNode ps = resource(path, "#PowerSubsystem.v1_1_0.PowerSubsystem", "PowerSubsystem",
                "Power Subsystem for Chassis");
        status(ps, "OK");
        link(ps, "PowerSupplies", path + "/PowerSupplies");
        List<String> members = new ArrayList<>();
        for (ServerState.Psu p : s.psus()) {
            String psuPath = path + "/PowerSupplies/" + segment(p.id());
            members.add(psuPath);
            ObjectNode psu = resource(psuPath, "#PowerSupply.v1_5_0.PowerSupply", p.id(), psuName(p))
                    .put("PowerSupplyType", "AC")
                    .put("LineInputStatus", p.powered() ? "Normal" : "LossOfInput");
            status(psu, psuHealth(p));
            link(psu, "Metrics", psuPath + "/Metrics");
            ObjectNode metrics = resource(psuPath + "/Metrics", "#PowerSupplyMetrics.v1_1_0.PowerSupplyMetrics",
                    "Metrics", "Metrics for " + psuName(p));
            status(metrics, psuHealth(p));
            excerpt(metrics, "InputVoltage", p.inputVoltageV(), chassis, p.id() + "InputVoltage");
            excerpt(metrics, "InputPowerWatts", p.inputW(), chassis, p.id() + "InputPower");
            excerpt(metrics, "OutputPowerWatts", p.outputW(), chassis, p.id() + "OutputPower");
        }
        collection(path + "/PowerSupplies", "#PowerSupplyCollection.PowerSupplyCollection",
                "Power Supply Collection", members);
    }

    private void thermalSubsystem(ServerState s, String chassis) {
        String path = chassis + "/ThermalSubsystem";
        ObjectNode ts = resource(path, "#ThermalSubsystem.v1_0_0.ThermalSubsystem", "ThermalSubsystem",
                "Thermal Subsystem for Chassis");
        status(ts, "OK");
        link(ts, "Fans", path + "/Fans");
        List<String> members = new ArrayList<>();
        for (ServerState.Fan f : s.fans()) {
            String fanPath = path + "/Fans/" + segment(f.id());
            members.add(fanPath);
            ObjectNode fan = resource(fanPath, "#Fan.v1_3_0.Fan", f.id(), fanName(f))
                    .put("PhysicalContext", "Chassis");
            status(fan, fanHealth(s, f));
            // The state has no rated speed, so the percentage Reading is left out and only SpeedRPM is given.
            fan.putObject("SpeedPercent").put("SpeedRPM", f.rpm())
                    .put("DataSourceUri", chassis + "/Sensors/" + segment(f.id() + "Speed"));
        }
        collection(path + "/Fans", "#FanCollection.FanCollection", "Fan Collection", members);
    }

    private void sessions(List<SimRedfishSessions.Session> sessions, long timeoutS) {
        ObjectNode service = resource(SESSION_SERVICE, "#SessionService.v1_1_8.SessionService", "SessionService",
                "Session Service")
                .put("ServiceEnabled", true)
                .put("SessionTimeout", timeoutS);
        status(service, "OK");
        link(service, "Sessions", SESSIONS);
        collection(SESSIONS, "#SessionCollection.SessionCollection", "Session Collection",
                sessions.stream().map(x -> SESSIONS + "/" + x.id).toList());
        for (SimRedfishSessions.Session x : sessions) {
            byPath.put(SESSIONS + "/" + x.id, session(x));
        }
    }

    /** A session as Redfish shows it: never with its token, and with a null Password as the schema asks. */
    static ObjectNode session(SimRedfishSessions.Session x) {
        ObjectNode n = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", SESSIONS + "/" + x.id)
                .put("@odata.type", "#Session.v1_3_0.Session")
                .put("Id", x.id)
                .put("Name", "User Session")
                .put("UserName", x.userName)
                .put("CreatedTime", dateTime(x.created));
        n.putNull("Password");
        return n;
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    private ObjectNode resource(String path, String type, String id, String name) {
        ObjectNode n = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", path)
                .put("@odata.type", type)
                .put("Id", id)
                .put("Name", name);
        byPath.put(path, n);
        return n;
    }

    private void collection(String path, String type, String name, List<String> members) {
        ObjectNode n = SimRedfishMessages.JSON.createObjectNode()
                .put("@odata.id", path)
                .put("@odata.type", type)
                .put("Name", name)
                .put("Members@odata.count", members.size());
        ArrayNode array = n.putArray("Members");
        members.forEach(m -> array.add(ref(m)));
        byPath.put(path, n);
    }

    private static void excerpt(ObjectNode n, String property, double reading, String chassis, String sensorId) {
        n.putObject(property).put("Reading", reading)
                .put("DataSourceUri", chassis + "/Sensors/" + segment(sensorId));
    }

    private static ObjectNode ref(String path) {
        return SimRedfishMessages.JSON.createObjectNode().put("@odata.id", path);
    }

    private static void link(ObjectNode n, String property, String path) {
        n.set(property, ref(path));
    }

    private static void status(ObjectNode n, String health) {
        n.putObject("Status").put("State", "Enabled").put("Health", health);
    }

    private static String powerState(ServerState s) {
        return s.powerState() == ServerState.PowerState.ON ? "On" : "Off";
    }

    static String health(ServerState.Health h) {
        return switch (h) {
            case OK -> "OK";
            case WARNING -> "Warning";
            case CRITICAL -> "Critical";
        };
    }

    /** A supply that lost its feed reports Critical, as BMCs do on an input loss. */
    private static String psuHealth(ServerState.Psu p) {
        return p.powered() ? "OK" : "Critical";
    }

    /** A fan standing still in a running server has failed, and BMCs report it Critical. */
    static String fanHealth(ServerState s, ServerState.Fan f) {
        return s.powerState() == ServerState.PowerState.ON && f.rpm() <= 0 ? "Critical" : "OK";
    }

    private static String psuName(ServerState.Psu p) {
        return "Power Supply " + p.id() + " (feed " + p.feed() + ")";
    }

    private static String fanName(ServerState.Fan f) {
        return "Fan " + f.id();
    }

    /** An id as one URI path segment; ids from the model are usually plain already. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An instant as Redfish writes date-times, to the second. */
    private static String dateTime(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
