package org.dcsuite.core.config;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML node that remembers where it was written, so every validation error can name its line and
 * column. Jackson's own tree drops positions, hence this small tree.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    int column();

    /** "a mapping", "a list", "a string"..., for type errors. */
    String kind();

    /** A key of a mapping, positioned at the key. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    record Mapping(int line, int column, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar with the type YAML gave it and its text as written. */
    record Scalar(int line, int column, JsonToken token, String text) implements YamlNode {
        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NUMBER_INT -> "an integer";
                case VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "nothing";
                default -> "a string";
            };
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }
    }
}
