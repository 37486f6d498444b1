package org.dcsuite.core.config;

import com.fasterxml.jackson.core.JsonToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.dcsuite.core.time.Durations;

/**
 * Typed access to one YAML mapping with Alertmanager-like strictness: unknown keys are reported on creation
 * (with a "did you mean" when a known key is close), and every getter reports a wrong type or a missing
 * required field and returns empty instead of throwing, so one pass finds every problem.
 */
public final class Fields {

    private final ConfigFile file;
    private final String path;
    private final YamlNode.Mapping map;

    private Fields(ConfigFile file, String path, YamlNode.Mapping map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    /** Empty (after reporting) when the node is not a mapping. */
    public static Optional<Fields> of(ConfigFile file, String path, YamlNode node, List<String> allowed) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            file.problem(node, path, "expected a mapping, got " + node.kind());
            return Optional.empty();
        }
        Fields fields = new Fields(file, path, mapping);
        for (YamlNode.Entry e : mapping.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = Suggestions.closest(e.key(), allowed)
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("expected one of: " + String.join(", ", allowed));
                file.problem(e.line(), e.column(), fields.path(e.key()), "unknown field; " + hint);
            }
        }
        return Optional.of(fields);
    }

    public ConfigFile file() {
        return file;
    }

    YamlNode.Mapping mapping() {
        return map;
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of a key; an explicit {@code null} counts as absent. */
    public Optional<YamlNode> node(String key) {
        YamlNode.Entry e = map.entries().get(key);
        if (e == null || e.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    public void missing(String key, String hint) {
        file.problem(map, path(key), "missing required field" + (hint.isEmpty() ? "" : ": " + hint));
    }

    public void problem(String key, String message) {
        file.problem(node(key).map(n -> (YamlNode) n).orElse(map), path(key), message);
    }

    /**
     * A text value. Any scalar is taken as written, so {@code name: 2024} works and YAML 1.1 booleans do not
     * bite ({@code grid_region: NO} is Norway, not false).
     */
    public Optional<String> text(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s) {
            if (s.text().isBlank()) {
                problem(key, "must not be empty");
                return Optional.empty();
            }
            return Optional.of(s.text());
        }
        problem(key, "expected a string, got " + describe(node.get()));
        return Optional.empty();
    }

    public Optional<String> requiredText(String key, String hint) {
        if (node(key).isEmpty()) {
            missing(key, hint);
            return Optional.empty();
        }
        return text(key);
    }

    public OptionalLong integer(String key, long min, long max) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return OptionalLong.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                long v = Long.parseLong(s.text().replace("_", ""));
                if (v < min || v > max) {
                    problem(key, "must be between " + min + " and " + max + ", got " + v);
                    return OptionalLong.empty();
                }
                return OptionalLong.of(v);
            } catch (NumberFormatException e) {
                // Hex, octal and huge numbers fall through to the type error.
            }
        }
        problem(key, "expected an integer, got " + describe(node.get()));
        return OptionalLong.empty();
    }

    /** A YAML boolean; numbers and quoted strings are reported, not guessed. */
    public Optional<Boolean> bool(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s
                && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return Optional.of(s.token() == JsonToken.VALUE_TRUE);
        }
        problem(key, "expected true or false, got " + describe(node.get()));
        return Optional.empty();
    }

    public OptionalDouble positiveNumber(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s && s.isNumber()) {
            try {
                double v = Double.parseDouble(s.text().replace("_", ""));
                if (!(v > 0) || Double.isInfinite(v)) {
                    problem(key, "must be greater than zero, got " + s.text());
                    return OptionalDouble.empty();
                }
                return OptionalDouble.of(v);
            } catch (NumberFormatException e) {
                // Falls through to the type error.
            }
        }
        problem(key, "expected a number, got " + describe(node.get()));
        return OptionalDouble.empty();
    }

    /** Any finite number, such as a temperature bound that may be zero or below. */
    public OptionalDouble number(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s && s.isNumber()) {
            try {
                double v = Double.parseDouble(s.text().replace("_", ""));
                if (Double.isFinite(v)) {
                    return OptionalDouble.of(v);
                }
            } catch (NumberFormatException e) {
                // Falls through to the type error.
            }
        }
        problem(key, "expected a number, got " + describe(node.get()));
        return OptionalDouble.empty();
    }

    /** A duration in {@link Durations} syntax, greater than zero. */
    public Optional<Duration> duration(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlNode.Scalar s) || s.isNull()) {
            problem(key, "expected a duration such as 30s, 5m or 1d, got " + node.get().kind());
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parsePositive(s.text()));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** A secret; type errors never quote the value. */
    public Optional<Secret> secret(String key, SecretResolver secrets) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlNode.Scalar s)) {
            problem(key, "expected a string: a literal, ${env:NAME} or ${file:PATH}, got " + node.get().kind());
            return Optional.empty();
        }
        return secrets.resolve(s.text(), message -> problem(key, message));
    }

    /**
     * A secret resolved against a configuration folder, for readers in other modules that load their own files
     * (the energy module's HTTP signal headers).
     */
    public Optional<Secret> secret(String key, java.nio.file.Path configDirectory,
            java.util.function.Function<String, String> environment) {
        return secret(key, new SecretResolver(configDirectory, environment));
    }

    public Optional<List<YamlNode>> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Sequence seq) {
            return Optional.of(seq.items());
        }
        problem(key, "expected a list, got " + node.get().kind());
        return Optional.empty();
    }

    public Optional<Fields> child(String key, List<String> allowed) {
        return node(key).flatMap(n -> of(file, path(key), n, allowed));
    }

    /** Scalars are quoted so a user sees what was read; collections are only named. */
    private static String describe(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            String text = s.text().length() > 40 ? s.text().substring(0, 40) + "..." : s.text();
            return s.kind() + " '" + text + "'";
        }
        return node.kind();
    }
}
