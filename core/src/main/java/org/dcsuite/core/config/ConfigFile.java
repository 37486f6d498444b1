package org.dcsuite.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One configuration file being loaded: parses it into a positioned {@link YamlNode} tree, checks the
 * {@code version} line and collects the problems found in it.
 */
public final class ConfigFile {

    /** The only spec version this build reads. */
    public static final String VERSION = "dcsuite/v1";

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Path relative;
    private final List<ConfigProblem> problems;

    public ConfigFile(Path relative, List<ConfigProblem> problems) {
        this.relative = relative;
        this.problems = problems;
    }

    public String name() {
        return relative.toString().replace('\\', '/');
    }

    public void problem(int line, int column, String field, String message) {
        problems.add(new ConfigProblem(relative, line, column, field, message));
    }

    public void problem(YamlNode at, String field, String message) {
        problem(at.line(), at.column(), field, message);
    }

    /**
     * Parses the file and checks its version; returns the root's fields when the rest of the file is worth
     * validating.
     *
     * @param topLevel the fields allowed at the top level besides {@code version}
     */
    public Optional<Fields> open(Path absolute, List<String> topLevel) {
        Optional<YamlNode> root = parse(absolute);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!(root.get() instanceof YamlNode.Mapping)) {
            problem(root.get(), "", "expected a mapping starting with 'version: " + VERSION + "', got "
                    + root.get().kind());
            return Optional.empty();
        }
        List<String> allowed = new ArrayList<>();
        allowed.add("version");
        allowed.addAll(topLevel);
        Fields fields = Fields.of(this, "", root.get(), allowed).orElseThrow();
        Optional<YamlNode> version = fields.node("version");
        if (version.isEmpty()) {
            fields.missing("version", "every file starts with 'version: " + VERSION + "'");
        } else if (!(version.get() instanceof YamlNode.Scalar s) || !s.text().equals(VERSION)) {
            String written = version.get() instanceof YamlNode.Scalar s ? "'" + s.text() + "'" : version.get().kind();
            problem(version.get(), "version", "unsupported version " + written + ": use " + VERSION);
            // Another version means another shape: field errors against this one would only be noise.
            return Optional.empty();
        }
        return Optional.of(fields);
    }

    /**
     * Parses every YAML document of the file ({@code ---} separated), for formats that keep several per file
     * such as OpenSLO; syntax errors are recorded as problems and end the list.
     */
    public List<YamlNode> documents(Path absolute) {
        List<YamlNode> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            while (parser.nextToken() != null) {
                documents.add(read(parser));
            }
        } catch (JsonProcessingException e) {
            syntaxError(e);
        } catch (IOException e) {
            problem(0, 0, "", "cannot read file: " + e.getClass().getSimpleName());
        }
        return documents;
    }

    private Optional<YamlNode> parse(Path absolute) {
        try (Reader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() == null) {
                problem(0, 0, "", "empty file: it must start with 'version: " + VERSION + "'");
                return Optional.empty();
            }
            YamlNode root = read(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problem(at.getLineNr(), at.getColumnNr(), "", "more than one YAML document: keep one per file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            problem(0, 0, "", "cannot read file: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private YamlNode read(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation keyAt = parser.currentTokenLocation();
                String key = parser.currentName();
                parser.nextToken();
                YamlNode value = read(parser);
                YamlNode.Entry first = entries.get(key);
                if (first != null) {
                    problem(keyAt.getLineNr(), keyAt.getColumnNr(), key,
                            "duplicate key: first written at line " + first.line());
                } else {
                    entries.put(key, new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
                }
            }
            return new YamlNode.Mapping(line, column, entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser));
            }
            return new YamlNode.Sequence(line, column, items);
        }
        return new YamlNode.Scalar(line, column, token, token == JsonToken.VALUE_NULL ? "" : parser.getText());
    }

    /**
     * SnakeYAML's own exception has the position of the problem itself and a one-line description; Jackson's
     * wrapper only knows where its parser stopped and repeats the source over several lines.
     */
    private void syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            problem(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1, "",
                    "YAML syntax error: " + yaml.getProblem() + context);
            return;
        }
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                : e.getOriginalMessage().lines().findFirst().orElse("").strip();
        problem(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "", "YAML syntax error: " + message);
    }
}
