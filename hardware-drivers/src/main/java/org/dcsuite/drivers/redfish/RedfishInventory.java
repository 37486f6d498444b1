package org.dcsuite.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.dcsuite.core.series.Unit;
import org.dcsuite.drivers.Reading;

/**
 * A session's inventory reading ({@code inventory} in the profile): per system one info series, value 1, whose
 * attributes are the system's manufacturer, model, serial number and BIOS version and its manager's firmware version.
 * The system is read every poll anyway; its manager costs requests of its own, so what a manager said is kept for
 * {@link RedfishMapping.InventoryRule#managerEveryPolls} polls.
 */
final class RedfishInventory {

    /** Device-supplied strings become attribute values: longer ones are cut, so a broken BMC cannot bloat the store. */
    static final int MAX_VALUE_LENGTH = 128;

    private final Optional<RedfishMapping.InventoryRule> rule;
    private final Map<String, Map<String, String>> managers = new HashMap<>();
    private int polls;

    RedfishInventory(Optional<RedfishMapping.InventoryRule> rule) {
        this.rule = rule;
    }

    /** Called once at the start of every poll: forgets what managers said once they are due for a read. */
    void startPoll() {
        rule.ifPresent(r -> {
            if (polls % r.managerEveryPolls() == 0) {
                managers.clear();
            }
            polls++;
        });
    }

    /**
     * Adds the info reading of one system; nothing when the profile maps no inventory or the system and its manager
     * tell none of the mapped strings.
     *
     * @param fetch reads a resource by path, empty when it cannot be read (the crawl reports why)
     */
    void system(JsonNode system, RedfishMapping.Component c, RedfishMapping.Out out,
            Function<String, Optional<JsonNode>> fetch) {
        if (rule.isEmpty()) {
            return;
        }
        RedfishMapping.InventoryRule r = rule.get();
        Map<String, String> attributes = new TreeMap<>(strings(system, r.system()));
        String manager = system.path("Links").path("ManagedBy").path(0).path("@odata.id").asText("");
        if (!manager.isEmpty() && !r.manager().isEmpty()) {
            attributes.putAll(managers.computeIfAbsent(manager, path -> fetch.apply(path)
                    .map(m -> strings(m, r.manager())).orElse(Map.of())));
        }
        if (attributes.isEmpty()) {
            return;
        }
        attributes.put("hw.id", c.id());
        attributes.put("hw.type", "system");
        attributes.put("hw.name", c.name());
        out.readings.add(Reading.gauge(r.metric(), Unit.ONE, 1, attributes, out.time));
    }

    private static Map<String, String> strings(JsonNode resource, Map<String, String> attributeByProperty) {
        Map<String, String> out = new TreeMap<>();
        attributeByProperty.forEach((property, attribute) -> {
            JsonNode v = resource.path(property);
            String text = v.isTextual() ? v.asText().strip() : "";
            if (!text.isEmpty()) {
                out.put(attribute, text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH));
            }
        });
        return out;
    }
}
