package org.dcsuite.drivers.redfish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dcsuite.core.model.Protocol;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;

/**
 * The {@code redfish.*} options of one device, validated when the session opens so a typo is a
 * {@link DriverErrorKind#CONFIG} error at start-up rather than a silent default.
 */
record RedfishOptions(Auth auth, boolean insecure, Optional<byte[]> pinSha256, Optional<Path> caFile,
        Schema schema, int maxResources, long maxBodyBytes) {

    /** How the driver authenticates. */
    enum Auth { SESSION, BASIC }

    /** Which chassis schema generation to read; see the README for why both are never read together. */
    enum Schema { AUTO, LEGACY, MODERN }

    static final String AUTH = "redfish.auth";
    static final String INSECURE = "redfish.insecure";
    static final String PIN_SHA256 = "redfish.pin_sha256";
    static final String CA_FILE = "redfish.ca_file";
    static final String SCHEMA = "redfish.schema";
    static final String MAX_RESOURCES = "redfish.max_resources";
    static final String MAX_BODY_BYTES = "redfish.max_body_bytes";

    /** Every option key, for "unknown option" messages. */
    static final Set<String> KEYS = new TreeSet<>(List.of(AUTH, INSECURE, PIN_SHA256, CA_FILE, SCHEMA, MAX_RESOURCES,
            MAX_BODY_BYTES));

    /** 500 GETs: a two-socket server with both schema generations needs about 80, a 48-outlet PDU about 60. */
    static final int DEFAULT_MAX_RESOURCES = 500;
    /** 16 MiB: far above any real resource, low enough that a runaway body cannot exhaust the heap. */
    static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** Redirects followed per request; a loop ends here as a PROTOCOL error. */
    static final int MAX_REDIRECTS = 5;

    static RedfishOptions parse(DeviceTarget target) {
        Map<String, String> options = target.options();
        List<String> problems = new ArrayList<>();
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add("unknown option '" + key + "' (known: " + KEYS + ")");
            }
        }
        Auth auth = Auth.SESSION;
        String authText = options.getOrDefault(AUTH, "session").toLowerCase(Locale.ROOT);
        switch (authText) {
            case "session" -> auth = Auth.SESSION;
            case "basic" -> auth = Auth.BASIC;
            default -> problems.add(AUTH + " must be session or basic, got '" + authText + "'");
        }
        boolean insecure = false;
        String insecureText = options.getOrDefault(INSECURE, "false");
        switch (insecureText) {
            case "true" -> insecure = true;
            case "false" -> insecure = false;
            default -> problems.add(INSECURE + " must be true or false, got '" + insecureText + "'");
        }
        Optional<byte[]> pin = Optional.empty();
        if (options.containsKey(PIN_SHA256)) {
            String hex = options.get(PIN_SHA256).replace(":", "").trim();
            try {
                byte[] bytes = HexFormat.of().parseHex(hex);
                if (bytes.length != 32) {
                    problems.add(PIN_SHA256 + " must be 32 bytes of hex (64 digits, colons allowed), got "
                            + bytes.length + " bytes");
                }
                pin = Optional.of(bytes);
            } catch (IllegalArgumentException e) {
                problems.add(PIN_SHA256 + " must be hex digits (colons allowed), as openssl x509 -fingerprint "
                        + "-sha256 prints it");
            }
        }
        Optional<Path> caFile = Optional.empty();
        if (options.containsKey(CA_FILE)) {
            Path path = Path.of(options.get(CA_FILE));
            if (!Files.isReadable(path)) {
                problems.add(CA_FILE + " " + path + " is not a readable file");
            }
            caFile = Optional.of(path);
        }
        int tlsChoices = (insecure ? 1 : 0) + (pin.isPresent() ? 1 : 0) + (caFile.isPresent() ? 1 : 0);
        if (tlsChoices > 1) {
            problems.add("choose one of " + INSECURE + ", " + PIN_SHA256 + " and " + CA_FILE);
        }
        if (tlsChoices > 0 && target.endpoint().protocol() != Protocol.HTTPS) {
            problems.add("TLS options need an https:// endpoint; redfish:// is plain HTTP");
        }
        Schema schema = Schema.AUTO;
        String schemaText = options.getOrDefault(SCHEMA, "auto").toUpperCase(Locale.ROOT);
        try {
            schema = Schema.valueOf(schemaText);
        } catch (IllegalArgumentException e) {
            problems.add(SCHEMA + " must be auto, legacy or modern, got '" + options.get(SCHEMA) + "'");
        }
        int maxResources = (int) positive(options, MAX_RESOURCES, DEFAULT_MAX_RESOURCES, problems);
        long maxBody = positive(options, MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, problems);
        if (!problems.isEmpty()) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": " + String.join("; ", problems));
        }
        return new RedfishOptions(auth, insecure, pin, caFile, schema, maxResources, maxBody);
    }

    private static long positive(Map<String, String> options, String key, long defaultValue, List<String> problems) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        problems.add(key + " must be a whole number 1-" + Integer.MAX_VALUE + ", got '" + text + "'");
        return defaultValue;
    }
}
