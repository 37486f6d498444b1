package org.dcsuite.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dcsuite.core.store.RetentionPolicy;
import org.dcsuite.core.time.Durations;

/** Reads {@code dcsuite.yaml}: the {@code store} and {@code http} sections. */
final class SettingsReader {

    static final List<String> TOP_LEVEL = List.of("store", "http");

    private final SecretResolver secrets;
    StoreConfig store = StoreConfig.DEFAULT;
    HttpConfig http = HttpConfig.DEFAULT;

    SettingsReader(SecretResolver secrets) {
        this.secrets = secrets;
    }

    void read(Fields root) {
        root.child("store", List.of("url", "retention")).ifPresent(f -> store = readStore(f));
        root.child("http", List.of("port", "api_tokens")).ifPresent(f -> http = readHttp(f));
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
        List<Secret> tokens = new ArrayList<>();
        f.list("api_tokens").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                YamlNode item = items.get(i);
                String path = f.path("api_tokens") + "[" + i + "]";
                if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                    secrets.resolve(s.text(), message -> f.file().problem(item, path, message)).ifPresent(tokens::add);
                } else {
                    f.file().problem(item, path, "expected a string: a literal, ${env:NAME} or ${file:PATH}, got "
                            + item.kind());
                }
            }
        });
        return new HttpConfig(port, tokens);
    }
}
