package org.dcsuite.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} references at load time. Messages name the variable
 * or file, never a value.
 */
final class SecretResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final String FORMS = "write ${env:NAME}, ${file:PATH} or a literal";

    private final Path directory;
    private final Function<String, String> environment;

    SecretResolver(Path directory, Function<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    /** The configuration folder, against which relative paths in the configuration are resolved. */
    Path directory() {
        return directory;
    }

    Optional<Secret> resolve(String text, Consumer<String> problems) {
        Matcher m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            if (text.contains("${")) {
                problems.accept("a reference must be the whole value: " + FORMS);
                return Optional.empty();
            }
            if (text.isEmpty()) {
                problems.accept("must not be empty");
                return Optional.empty();
            }
            return Optional.of(Secret.of(text));
        }
        String name = m.group(2).strip();
        if (name.isEmpty()) {
            problems.accept("empty reference: " + FORMS);
            return Optional.empty();
        }
        return m.group(1).equals("env") ? fromEnvironment(name, problems) : fromFile(name, problems);
    }

    private Optional<Secret> fromEnvironment(String name, Consumer<String> problems) {
        String value = environment.apply(name);
        if (value == null) {
            problems.accept("environment variable " + name + " is not set");
            return Optional.empty();
        }
        if (value.isEmpty()) {
            problems.accept("environment variable " + name + " is empty");
            return Optional.empty();
        }
        return Optional.of(Secret.fromSource(value, "env:" + name));
    }

    private Optional<Secret> fromFile(String name, Consumer<String> problems) {
        Path file = directory.resolve(name).normalize();
        try {
            // Editors and `echo` add a final newline that is never part of the secret.
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (value.isEmpty()) {
                problems.accept("secret file " + name + " is empty");
                return Optional.empty();
            }
            return Optional.of(Secret.fromSource(value, "file:" + name));
        } catch (NoSuchFileException e) {
            problems.accept("secret file " + name + " not found (relative paths start at the configuration folder)");
        } catch (IOException e) {
            problems.accept("cannot read secret file " + name + ": " + e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
