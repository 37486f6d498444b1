package org.dcsuite.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dcsuite.core.time.Durations;
import org.dcsuite.simulator.control.SimFaultType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcsuite simulate fault DEVICE FAULT}: injects a fault into the running simulator through its control API. */
@Command(name = "fault",
        description = {
                "Injects a fault into a running `dcsuite simulate`. Faults: down, slow (--latency), garbage,",
                "auth_failure (servers, PDUs, UPSes), cooling_failed (cooling units), breaker_tripped (PDUs, --phase),",
                "overload (PDUs, --phase), fan_failed (servers), feed_lost (a SITE id and --feed), on_battery (UPSes),",
                "counter_reset (PDUs, meters), stuck_sensor. Faults that real devices report (on_battery, overload,",
                "breaker_tripped, fan_failed, ...) also make the simulated devices send SNMP traps and Redfish events.",
                "Times and durations are simulated time: at --speed 60, --for 5m lasts 5 real seconds."},
        sortOptions = false)
final class SimulateFaultCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id, or site id for feed_lost")
    String device;

    @Parameters(index = "1", paramLabel = "FAULT", description = "The fault, e.g. down or breaker_tripped")
    String fault;

    @Option(names = "--for", paramLabel = "DURATION", description = "How long, e.g. 5m (default: until cleared)")
    String duration;

    @Option(names = "--start", paramLabel = "TIME",
            description = "When, RFC 3339, unix seconds or now+1m on the simulated clock (default: now)")
    String start;

    @Option(names = "--latency", paramLabel = "DURATION", description = "Answer delay of a slow device, e.g. 2s")
    String latency;

    @Option(names = "--phase", paramLabel = "L1|L2|L3", description = "The phase of a tripped breaker or an overload (default: all)")
    String phase;

    @Option(names = "--feed", paramLabel = "A|B", description = "The lost feed of the site")
    String feed;

    @Mixin
    SimulateControlClient client;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (SimFaultType.byName(fault).isEmpty()) {
            throw new UsageException("FAULT: unknown fault '" + fault + "'; use one of "
                    + String.join(", ", SimFaultType.names()));
        }
        checkDuration("--for", duration);
        checkDuration("--latency", latency);
        if (feed != null && !feed.equalsIgnoreCase("A") && !feed.equalsIgnoreCase("B")) {
            throw new UsageException("--feed: use A or B, got '" + feed + "'");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("device", device);
        body.put("fault", fault.toLowerCase(Locale.ROOT));
        putIfSet(body, "for", duration);
        putIfSet(body, "start", start);
        putIfSet(body, "latency", latency);
        putIfSet(body, "phase", phase);
        putIfSet(body, "feed", feed);
        JsonNode injected = client.send("POST", "/faults", body).orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        out.println("injected " + describe(injected));
        out.flush();
        return ExitCodes.OK;
    }

    /** "down on r01-pdu-a from T until T2 (phase L1)", from the API's fault JSON. */
    static String describe(JsonNode f) {
        String window = f.path("fault").asText().equals("counter_reset")
                ? "at " + f.path("start").asText()
                : "from " + f.path("start").asText() + " until "
                        + (f.path("end").isTextual() ? f.path("end").asText() : "cleared");
        StringBuilder details = new StringBuilder();
        for (String option : new String[] {"latency", "phase", "feed"}) {
            if (f.path(option).isTextual()) {
                details.append(details.isEmpty() ? " (" : ", ").append(option).append(' ').append(f.path(option).asText());
            }
        }
        if (!details.isEmpty()) {
            details.append(')');
        }
        return f.path("fault").asText() + " on " + f.path("device").asText() + " " + window + details;
    }

    private static void checkDuration(String option, String text) {
        if (text != null) {
            try {
                Durations.parsePositive(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
