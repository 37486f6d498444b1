package org.dcsuite.core.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration.
 *
 * @param file    relative to the configuration folder ({@code sites/edge-lyon.yaml})
 * @param line    1-based; 0 when the problem is about the whole file
 * @param column  1-based; 0 when the problem is about the whole file
 * @param field   the field path ({@code site.rooms[0].racks[1].devices[0].endpoint}); empty for the whole file
 * @param message what is wrong and, where it helps, how to fix it; never a secret value
 */
public record ConfigProblem(java.nio.file.Path file, int line, int column, String field, String message)
        implements Comparable<ConfigProblem> {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** Orders by file, then position, which is the order people fix things in. */
    @Override
    public int compareTo(ConfigProblem o) {
        int c = fileName().compareTo(o.fileName());
        if (c == 0) {
            c = Integer.compare(line, o.line);
        }
        if (c == 0) {
            c = Integer.compare(column, o.column);
        }
        return c;
    }

    private String fileName() {
        return file.toString().replace('\\', '/');
    }

    /** {@code file:line:column: field: message}, leaving out the position or field when there is none. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(fileName());
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
