package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * One poll's walk over a Redfish service: systems, chassis (one schema generation each), rack PDUs and cooling
 * units. A resource that cannot be read becomes a point error and the walk goes on; only failures that say the
 * device as a whole is gone (timeout, refused, authentication) end the poll. The number of resources read is
 * bounded by {@code redfish.max_resources}.
 */
final class RedfishCrawl {

    private static final String PREFIX = "/redfish/v1/";

    private final RedfishHttp http;
    private final RedfishMapping mapping;
    private final RedfishOptions options;
    private final RedfishMapping.Out out;
    private final RedfishInventory inventory;
    private final String expandQuery;
    private int fetched;
    private boolean limitReported;

    RedfishCrawl(RedfishHttp http, RedfishMapping mapping, RedfishOptions options, JsonNode root,
            RedfishMapping.Out out, RedfishInventory inventory) {
        this.http = http;
        this.mapping = mapping;
        this.options = options;
        this.out = out;
        this.inventory = inventory;
        this.expandQuery = expandQuery(root);
    }

    /**
     * The {@code $expand} query for collections, from the service root's ProtocolFeaturesSupported.ExpandQuery:
     * one request per collection instead of one per member. Empty when the service does not advertise it.
     */
    static String expandQuery(JsonNode root) {
        JsonNode expand = root.path("ProtocolFeaturesSupported").path("ExpandQuery");
        String levels = expand.path("Levels").asBoolean(false) ? "($levels=1)" : "";
        if (expand.path("NoLinks").asBoolean(false)) {
            return "?$expand=." + levels;
        }
        if (expand.path("ExpandAll").asBoolean(false)) {
            return "?$expand=*" + levels;
        }
        return "";
    }

    void run(JsonNode root) {
        for (Member system : collection(link(root, "Systems"))) {
            RedfishMapping.Component sc = component(system, "");
            mapping.properties("ComputerSystem", system.body(), sc, out);
            inventory.system(system.body(), sc, out, path -> fetch(Optional.of(path)));
        }
        for (Member chassis : collection(link(root, "Chassis"))) {
            chassis(chassis);
        }
        fetch(link(root, "PowerEquipment")).ifPresent(equipment -> {
            for (String pdus : List.of("RackPDUs", "FloorPDUs")) {
                for (Member pdu : collection(link(equipment, pdus))) {
                    RedfishMapping.Component pc = component(pdu, "");
                    if (RedfishMapping.inactive(pdu.body(), pc, out)) {
                        continue;
                    }
                    mapping.properties("PowerDistribution", pdu.body(), pc, out);
                    for (String circuits : List.of("Mains", "Branches", "Subfeeds", "Feeders", "Outlets")) {
                        for (Member m : collection(link(pdu.body(), circuits))) {
                            resource(m, circuits.equals("Outlets") ? "Outlet" : "Circuit", pc.id());
                        }
                    }
                }
            }
        });
        fetch(link(root, "ThermalEquipment")).ifPresent(equipment -> {
            for (String units : List.of("CDUs", "HeatExchangers", "ImmersionUnits")) {
                for (Member unit : collection(link(equipment, units))) {
                    RedfishMapping.Component uc = component(unit, "");
                    if (RedfishMapping.inactive(unit.body(), uc, out)) {
                        continue;
                    }
                    mapping.properties("CoolingUnit", unit.body(), uc, out);
                    for (String connectors : List.of("PrimaryCoolantConnectors", "SecondaryCoolantConnectors")) {
                        for (Member c : collection(link(unit.body(), connectors))) {
                            resource(c, "CoolantConnector", uc.id());
                        }
                    }
                    fetch(link(unit.body(), "EnvironmentMetrics")).ifPresent(env -> mapping.properties(
                            "EnvironmentMetrics", env, new RedfishMapping.Component(uc.id() + "/EnvironmentMetrics",
                                    uc.name(), uc.id()), out));
                }
            }
        });
    }

    private void chassis(Member chassis) {
        RedfishMapping.Component cc = component(chassis, "");
        mapping.properties("Chassis", chassis.body(), cc, out);
        JsonNode body = chassis.body();
        boolean modern = switch (options.schema()) {
            case MODERN -> true;
            case LEGACY -> false;
            // Reading both generations would report every sensor twice under two ids.
            case AUTO -> body.has("Sensors") || body.has("PowerSubsystem") || body.has("ThermalSubsystem");
        };
        if (modern) {
            for (Member sensor : collection(link(body, "Sensors"))) {
                mapping.sensor(sensor.body(), component(sensor, cc.id()), out);
            }
            fetch(link(body, "EnvironmentMetrics")).ifPresent(env -> mapping.properties("EnvironmentMetrics", env,
                    new RedfishMapping.Component(cc.id(), cc.name(), ""), out));
            fetch(link(body, "PowerSubsystem")).ifPresent(ps -> {
                for (Member psu : collection(link(ps, "PowerSupplies"))) {
                    resource(psu, "PowerSupply", cc.id());
                }
            });
            fetch(link(body, "ThermalSubsystem")).ifPresent(ts -> {
                for (Member fan : collection(link(ts, "Fans"))) {
                    resource(fan, "Fan", cc.id());
                }
            });
        } else {
            fetch(link(body, "Power")).ifPresent(p -> mapping.arrays("Power", p, idOf(link(body, "Power")), cc.id(),
                    out));
            fetch(link(body, "Thermal")).ifPresent(t -> mapping.arrays("Thermal", t, idOf(link(body, "Thermal")),
                    cc.id(), out));
        }
    }

    private void resource(Member m, String type, String parent) {
        RedfishMapping.Component c = component(m, parent);
        if (!RedfishMapping.inactive(m.body(), c, out)) {
            mapping.properties(type, m.body(), c, out);
        }
    }

    /** A collection member, expanded or fetched. */
    record Member(String path, JsonNode body) {
    }

    private List<Member> collection(Optional<String> path) {
        List<Member> members = new ArrayList<>();
        if (path.isEmpty()) {
            return members;
        }
        Optional<JsonNode> page = fetch(Optional.of(path.get() + expandQuery));
        while (page.isPresent()) {
            for (JsonNode m : page.get().path("Members")) {
                String id = m.path("@odata.id").asText("");
                if (id.isEmpty()) {
                    out.error(path.get(), DriverErrorKind.PROTOCOL, "member without @odata.id in " + path.get());
                    continue;
                }
                // A service that ignores $expand (or expands only some members) returns bare links.
                Optional<JsonNode> body = m.size() > 1 ? Optional.of(m) : fetch(Optional.of(id));
                body.ifPresent(b -> members.add(new Member(id, b)));
            }
            String next = page.get().path("Members@odata.nextLink").asText("");
            page = next.isEmpty() ? Optional.empty() : fetch(Optional.of(next));
        }
        return members;
    }

    private Optional<JsonNode> fetch(Optional<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        if (fetched >= options.maxResources()) {
            if (!limitReported) {
                limitReported = true;
                out.error(path.get(), DriverErrorKind.CONFIG, http.target().describe() + ": stopped after "
                        + fetched + " resources (redfish.max_resources); the rest of the service was not read");
            }
            return Optional.empty();
        }
        fetched++;
        try {
            return Optional.of(http.get(path.get()));
        } catch (DriverException e) {
            if (e.kind() == DriverErrorKind.TIMEOUT || e.kind() == DriverErrorKind.REFUSED
                    || e.kind() == DriverErrorKind.AUTH) {
                throw e;
            }
            out.error(path.get(), e.kind(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> link(JsonNode node, String name) {
        String id = node.path(name).path("@odata.id").asText("");
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    private RedfishMapping.Component component(Member m, String parent) {
        String id = idOf(Optional.of(m.path()));
        return new RedfishMapping.Component(id, m.body().path("Name").asText(id), parent);
    }

    /** A resource's hw.id: its path below /redfish/v1/, unique within the device and stable across polls. */
    static String idOf(Optional<String> path) {
        String p = path.orElse("");
        if (p.startsWith(PREFIX)) {
            p = p.substring(PREFIX.length());
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
