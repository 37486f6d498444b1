package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.dcsuite.drivers.ControlRequest;
import org.dcsuite.drivers.ControlResult;
import org.dcsuite.drivers.DeviceSession;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.dcsuite.drivers.PollResult;

/**
 * One Redfish service. The first poll reads the service root and logs in; later polls reuse the session (and
 * log in again if it expired). {@link #close()} deletes the session.
 */
final class RedfishSession implements DeviceSession {

    private static final Map<String, String> OUTLET_STATES = Map.of("on", "On", "off", "Off", "cycle", "PowerCycle");

    private final DeviceTarget target;
    private final RedfishOptions options;
    private final RedfishMapping mapping;
    private final RedfishHttp http;
    private final RedfishInventory inventory;
    private Optional<JsonNode> root = Optional.empty();

    RedfishSession(DeviceTarget target, RedfishOptions options, RedfishMapping mapping) {
        this.target = target;
        this.options = options;
        this.mapping = mapping;
        this.http = new RedfishHttp(target, options);
        this.inventory = new RedfishInventory(mapping.inventory);
    }

    @Override
    public PollResult poll() {
        JsonNode serviceRoot = connect();
        RedfishMapping.Out out = new RedfishMapping.Out(target.clock().instant());
        inventory.startPoll();
        new RedfishCrawl(http, mapping, options, serviceRoot, out, inventory).run(serviceRoot);
        return new PollResult(target.deviceId(), out.readings, out.errors);
    }

    /** Reads the service root each poll (it is small and tells whether the service is up), logging in once. */
    private JsonNode connect() {
        JsonNode serviceRoot = http.get(RedfishHttp.SERVICE_ROOT);
        if (root.isEmpty() || !http.authenticated()) {
            http.authenticate(serviceRoot);
        }
        root = Optional.of(serviceRoot);
        return serviceRoot;
    }

    @Override
    public ControlResult control(ControlRequest request) {
        return switch (request.action()) {
            case "system.reset" -> reset(request);
            case "outlet.power" -> outletPower(request);
            default -> throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": control action '"
                    + request.action() + "' is not supported by Redfish (supported: outlet.power, system.reset)");
        };
    }

    private ControlResult reset(ControlRequest request) {
        String type = parameter(request, "type");
        JsonNode serviceRoot = connect();
        String path = request.target().startsWith("/") ? request.target()
                : serviceRoot.path("Systems").path("@odata.id").asText("/redfish/v1/Systems").replaceAll("/$", "")
                        + "/" + request.target();
        JsonNode system = http.get(path);
        return invoke(path, system.path("Actions").path("#ComputerSystem.Reset"), "ComputerSystem.Reset",
                "ResetType", type);
    }

    private ControlResult outletPower(ControlRequest request) {
        String state = parameter(request, "state");
        String powerState = OUTLET_STATES.get(state.toLowerCase(Locale.ROOT));
        if (powerState == null) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": outlet.power state must be on, "
                    + "off or cycle, got '" + state + "'");
        }
        JsonNode serviceRoot = connect();
        String path = request.target().startsWith("/") ? request.target() : findOutlet(serviceRoot, request.target());
        JsonNode outlet = http.get(path);
        return invoke(path, outlet.path("Actions").path("#Outlet.PowerControl"), "Outlet.PowerControl", "PowerState",
                powerState);
    }

    /** The path of the outlet with this Id on the first rack PDU that has one. */
    private String findOutlet(JsonNode serviceRoot, String id) {
        String equipment = serviceRoot.path("PowerEquipment").path("@odata.id").asText("");
        if (!equipment.isEmpty()) {
            String pdus = http.get(equipment).path("RackPDUs").path("@odata.id").asText("");
            if (!pdus.isEmpty()) {
                for (JsonNode pdu : http.get(pdus).path("Members")) {
                    String outlets = http.get(pdu.path("@odata.id").asText()).path("Outlets").path("@odata.id")
                            .asText("");
                    if (outlets.isEmpty()) {
                        continue;
                    }
                    for (JsonNode o : http.get(outlets).path("Members")) {
                        String p = o.path("@odata.id").asText("");
                        if (p.endsWith("/" + id)) {
                            return p;
                        }
                    }
                }
            }
        }
        throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": no outlet '" + id
                + "' under /redfish/v1/PowerEquipment/RackPDUs");
    }

    private ControlResult invoke(String resource, JsonNode action, String actionName, String parameter,
            String value) {
        String actionTarget = action.path("target").asText("");
        if (actionTarget.isEmpty()) {
            throw new DriverException(DriverErrorKind.UNSUPPORTED, target.describe() + ": " + resource
                    + " offers no " + actionName + " action");
        }
        JsonNode allowed = action.path(parameter + "@Redfish.AllowableValues");
        if (allowed.isMissingNode()) {
            String info = action.path("@Redfish.ActionInfo").asText("");
            if (!info.isEmpty()) {
                for (JsonNode p : http.get(info).path("Parameters")) {
                    if (p.path("Name").asText().equals(parameter)) {
                        allowed = p.path("AllowableValues");
                    }
                }
            }
        }
        if (allowed.isArray() && !allowed.isEmpty()) {
            TreeSet<String> values = new TreeSet<>();
            allowed.forEach(v -> values.add(v.asText()));
            if (!values.contains(value)) {
                throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + actionName + " "
                        + parameter + " '" + value + "' is not allowed by " + resource + " (allowed: " + values + ")");
            }
        }
        RedfishHttp.Response r = http.post(actionTarget, RedfishHttp.JSON.createObjectNode().put(parameter, value));
        http.requireOk("POST " + actionTarget, r);
        if (r.status() == 202 && r.location().isPresent()) {
            return new ControlResult("Redfish task " + r.location().get() + " started (" + actionName + " "
                    + parameter + "=" + value + " on " + resource + ", HTTP 202)");
        }
        return new ControlResult(actionName + " " + parameter + "=" + value + " on " + resource + " accepted (HTTP "
                + r.status() + ")");
    }

    private String parameter(ControlRequest request, String name) {
        String v = request.parameters().get(name);
        if (v == null || v.isBlank()) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + request.action()
                    + " needs the parameter '" + name + "'");
        }
        return v;
    }

    @Override
    public void close() {
        http.close();
    }
}
