package org.dcsuite.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.dcsuite.core.security.PasswordHash;
import org.dcsuite.core.security.Role;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.time.Durations;

/** Reads {@code dcsuite.yaml}: the {@code store}, {@code http}, {@code receivers} and {@code tracing} sections. */
final class SettingsReader {

    static final List<String> TOP_LEVEL = List.of("store", "http", "receivers", "tracing", "dashboard", "collectors");

    private final SecretResolver secrets;
    StoreConfig store = StoreConfig.DEFAULT;
    HttpConfig http = HttpConfig.DEFAULT;
    ReceiversConfig receivers = ReceiversConfig.DEFAULT;
    TracingConfig tracing = TracingConfig.DEFAULT;
    DashboardConfig dashboard = DashboardConfig.DEFAULT;
    CollectorsConfig collectors = CollectorsConfig.DEFAULT;

    SettingsReader(SecretResolver secrets) {
        this.secrets = secrets;
    }

    void read(Fields root) {
        root.child("store", List.of("url", "retention")).ifPresent(f -> store = readStore(f));
        root.child("http", List.of("port", "api_tokens")).ifPresent(f -> http = readHttp(f));
        root.child("receivers", List.of("otlp", "snmp_traps", "redfish_events"))
                .ifPresent(f -> receivers = readReceivers(f));
        root.child("tracing", List.of("otlp_endpoint", "service_name")).ifPresent(f -> tracing = readTracing(f));
        root.child("dashboard", List.of("port", "session_timeout", "users")).ifPresent(f -> dashboard = readDashboard(f));
        root.child("collectors", List.of("poll_interval", "profile_intervals"))
                .ifPresent(f -> collectors = readCollectors(f));
    }

    private static CollectorsConfig readCollectors(Fields f) {
        Duration interval = f.duration("poll_interval").orElse(CollectorsConfig.DEFAULT_POLL_INTERVAL);
        Map<String, Duration> byProfile = new TreeMap<>();
        f.node("profile_intervals").ifPresent(node -> {
            if (!(node instanceof YamlNode.Mapping mapping)) {
                f.problem("profile_intervals", "expected a mapping of profile name to interval, e.g. { ups-mib: 30s }, "
                        + "got " + node.kind());
                return;
            }
            Fields.of(f.file(), f.path("profile_intervals"), node, List.copyOf(mapping.entries().keySet()))
                    .ifPresent(intervals -> mapping.entries().keySet()
                            .forEach(profile -> intervals.duration(profile).ifPresent(d -> byProfile.put(profile, d))));
        });
        return new CollectorsConfig(interval, byProfile);
    }

    private DashboardConfig readDashboard(Fields f) {
        int port = (int) f.integer("port", 0, 65535).orElse(DashboardConfig.DEFAULT_PORT);
        Duration timeout = f.duration("session_timeout").orElse(DashboardConfig.DEFAULT_SESSION_TIMEOUT);
        List<DashboardUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        f.list("users").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                YamlNode item = items.get(i);
                String path = f.path("users") + "[" + i + "]";
                Optional<DashboardUser> user = Fields.of(f.file(), path, item, List.of("name", "role", "password_hash"))
                        .flatMap(this::readUser);
                if (user.isPresent() && !names.add(user.get().name())) {
                    f.file().problem(item, path + ".name", "duplicate user '" + user.get().name() + "'");
                } else {
                    user.ifPresent(users::add);
                }
            }
        });
        return new DashboardConfig(port, timeout, users);
    }

    private Optional<DashboardUser> readUser(Fields f) {
        Optional<String> name = f.requiredText("name", "the login name");
        name.filter(n -> !DashboardUser.NAME.matcher(n).matches()).ifPresent(n -> f.problem("name",
                "invalid user name '" + n + "': use lowercase letters, digits, '.', '_' and '-', starting with a letter"));
        Optional<Role> role = f.requiredText("role", "one of admin, sre, oncall, facility, viewer").flatMap(r -> {
            Optional<Role> known = Role.byId(r);
            if (known.isEmpty()) {
                f.problem("role", "unknown role '" + r + "': use admin, sre, oncall, facility or viewer");
            }
            return known;
        });
        Optional<PasswordHash> hash;
        if (f.node("password_hash").isEmpty()) {
            f.missing("password_hash", "create one with 'dcsuite hash-password'");
            hash = Optional.empty();
        } else {
            // The hash takes the secret syntax (${file:...}) and is never quoted in errors.
            hash = f.secret("password_hash", secrets).flatMap(secret -> {
                try {
                    return Optional.of(PasswordHash.parse(secret.reveal()));
                } catch (IllegalArgumentException e) {
                    f.problem("password_hash", e.getMessage());
                    return Optional.empty();
                }
            });
        }
        if (name.isEmpty() || role.isEmpty() || hash.isEmpty() || !DashboardUser.NAME.matcher(name.get()).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DashboardUser(name.get(), role.get(), hash.get()));
    }

    private ReceiversConfig readReceivers(Fields f) {
        OtlpReceiverConfig otlp = f.child("otlp", List.of("enabled", "port", "segments"))
                .map(SettingsReader::readOtlp).orElse(OtlpReceiverConfig.DEFAULT);
        SnmpTrapReceiverConfig traps = f.child("snmp_traps", List.of("enabled", "bind", "port", "communities"))
                .map(this::readTraps).orElse(SnmpTrapReceiverConfig.DEFAULT);
        RedfishEventReceiverConfig events = f.child("redfish_events",
                        List.of("enabled", "bind", "port", "advertise_host", "subscribe"))
                .map(SettingsReader::readRedfishEvents).orElse(RedfishEventReceiverConfig.DEFAULT);
        return new ReceiversConfig(otlp, traps, events);
    }

    private static OtlpReceiverConfig readOtlp(Fields f) {
        boolean enabled = f.bool("enabled").orElse(true);
        int port = (int) f.integer("port", 0, 65535).orElse(OtlpReceiverConfig.DEFAULT_PORT);
        List<SpanSegmentRule> rules = new ArrayList<>();
        f.list("segments").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String path = f.path("segments") + "[" + i + "]";
                Fields.of(f.file(), path, items.get(i),
                                List.of("segment", "span_name", "span_kind", "attribute", "attribute_value"))
                        .flatMap(SettingsReader::readSegmentRule).ifPresent(rules::add);
            }
        });
        return new OtlpReceiverConfig(enabled, port, rules);
    }

    private static Optional<SpanSegmentRule> readSegmentRule(Fields f) {
        Optional<String> segment = f.requiredText("segment", "the segment's name, e.g. storage");
        Optional<Pattern> spanName = f.text("span_name").flatMap(r -> regex(f, "span_name", r));
        Optional<String> kind = f.text("span_kind");
        Optional<String> attribute = f.text("attribute");
        Optional<Pattern> value = f.text("attribute_value").flatMap(r -> regex(f, "attribute_value", r));
        if (segment.isEmpty() || f.node("span_name").isPresent() && spanName.isEmpty()
                || f.node("attribute_value").isPresent() && value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SpanSegmentRule(segment.get(), spanName, kind, attribute, value));
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("invalid segment") ? "segment"
                    : e.getMessage().startsWith("unknown span kind") ? "span_kind"
                    : e.getMessage().startsWith("attribute_value") ? "attribute_value" : "";
            if (field.isEmpty()) {
                f.file().problem(f.mapping(), f.path(), e.getMessage());
            } else {
                f.problem(field, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static Optional<Pattern> regex(Fields f, String key, String text) {
        try {
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            f.problem(key, "invalid regular expression: " + e.getDescription());
            return Optional.empty();
        }
    }

    private SnmpTrapReceiverConfig readTraps(Fields f) {
        boolean enabled = f.bool("enabled").orElse(true);
        String bind = f.text("bind").orElse(SnmpTrapReceiverConfig.DEFAULT_BIND_ADDRESS);
        int port = (int) f.integer("port", 0, 65535).orElse(SnmpTrapReceiverConfig.DEFAULT_PORT);
        return new SnmpTrapReceiverConfig(enabled, bind, port, secretList(f, "communities"));
    }

    private static RedfishEventReceiverConfig readRedfishEvents(Fields f) {
        boolean enabled = f.bool("enabled").orElse(true);
        String bind = f.text("bind").orElse(RedfishEventReceiverConfig.DEFAULT_BIND_ADDRESS);
        int port = (int) f.integer("port", 0, 65535).orElse(RedfishEventReceiverConfig.DEFAULT_PORT);
        Optional<String> advertise = f.text("advertise_host");
        boolean subscribe = f.bool("subscribe").orElse(true);
        return new RedfishEventReceiverConfig(enabled, bind, port, advertise, subscribe);
    }

    private static TracingConfig readTracing(Fields f) {
        Optional<URI> endpoint = f.text("otlp_endpoint").flatMap(text -> {
            try {
                URI uri = new URI(text);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    f.problem("otlp_endpoint", "expected an http:// or https:// URL such as "
                            + "http://localhost:4318/v1/traces");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                f.problem("otlp_endpoint", "invalid URL: " + e.getReason());
                return Optional.empty();
            }
        });
        String service = f.text("service_name").orElse(TracingConfig.DEFAULT_SERVICE_NAME);
        return new TracingConfig(endpoint, service);
    }

    private StoreConfig readStore(Fields f) {
        // The URL may carry a password, so it takes the secret syntax and is never quoted in errors.
        Optional<String> url = f.secret("url", secrets).map(Secret::reveal);
        url.filter(u -> !u.startsWith("duckdb:") && !u.startsWith("jdbc:postgresql:"))
                .ifPresent(u -> f.problem("url", "unsupported store URL: use duckdb:PATH or jdbc:postgresql://HOST/DB"));
        RetentionPolicy retention = f.child("retention", List.of("raw", "minute_rollups", "hour_rollups"))
                .map(SettingsReader::readRetention).orElse(RetentionPolicy.DEFAULT);
        return new StoreConfig(url, retention);
    }

    private static RetentionPolicy readRetention(Fields f) {
        Duration raw = f.duration("raw").orElse(RetentionPolicy.DEFAULT_RAW);
        Duration minute = f.duration("minute_rollups").orElse(RetentionPolicy.DEFAULT_MINUTE_ROLLUPS);
        Duration hour = f.duration("hour_rollups").orElse(RetentionPolicy.DEFAULT_HOUR_ROLLUPS);
        if (raw.compareTo(Duration.ofHours(1)) < 0) {
            f.problem("raw", "must be at least 1h, got " + Durations.format(raw));
            return RetentionPolicy.DEFAULT;
        }
        if (minute.compareTo(raw) < 0 || hour.compareTo(minute) < 0) {
            f.file().problem(f.mapping(), f.path(),
                    "coarser resolutions must be kept at least as long: raw " + Durations.format(raw)
                            + ", minute_rollups " + Durations.format(minute) + ", hour_rollups "
                            + Durations.format(hour));
            return RetentionPolicy.DEFAULT;
        }
        return new RetentionPolicy(raw, minute, hour);
    }

    private HttpConfig readHttp(Fields f) {
        int port = (int) f.integer("port", 0, 65535).orElse(HttpConfig.DEFAULT_PORT);
        return new HttpConfig(port, secretList(f, "api_tokens"));
    }

    private List<Secret> secretList(Fields f, String key) {
        List<Secret> secretsRead = new ArrayList<>();
        f.list(key).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                YamlNode item = items.get(i);
                String path = f.path(key) + "[" + i + "]";
                if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                    secrets.resolve(s.text(), message -> f.file().problem(item, path, message))
                            .ifPresent(secretsRead::add);
                } else {
                    f.file().problem(item, path, "expected a string: a literal, ${env:NAME} or ${file:PATH}, got "
                            + item.kind());
                }
            }
        });
        return secretsRead;
    }
}
