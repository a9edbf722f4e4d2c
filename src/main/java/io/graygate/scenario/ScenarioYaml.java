package io.graygate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.graygate.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A mapping from a scenario file that knows its file and key path, so every error reads
 * {@code FILE: key.path: problem}, as configuration errors do. Unknown keys are errors: an analyst's typo
 * must not silently drop an expectation.
 */
final class ScenarioYaml {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path file;
    private final String path;
    private final JsonNode node;

    private ScenarioYaml(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static ScenarioYaml read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "file not found");
        } catch (IOException e) {
            throw new ConfigException(file, "", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, "", "expected a mapping of keys at the top level");
        }
        return new ScenarioYaml(file, "", root);
    }

    Path file() {
        return file;
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + (key.startsWith("[") ? "" : ".") + key;
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(file, keyPath(key), problem);
    }

    void allowOnly(Set<String> keys) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw error(name, "unknown key; expected one of " + keys.stream().sorted().toList());
            }
        }
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    String string(String key) {
        if (!has(key)) {
            throw error(key, "missing");
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(key, "expected a non-empty text, got " + describe(value));
        }
        return value.asText();
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    int integer(String key, int min, int max, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw error(key, "expected a whole number from " + min + " to " + max + ", got " + describe(value));
        }
        return value.asInt();
    }

    double decimal(String key, double fallback) {
        Double value = optionalDecimal(key);
        return value == null ? fallback : value;
    }

    Double optionalDecimal(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            throw error(key, "expected a number, got " + describe(value));
        }
        return value.asDouble();
    }

    /** A list of texts; missing means empty. */
    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw error(key, "expected a list of texts, got " + describe(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw error(key + "[" + i + "]", "expected a non-empty text, got " + describe(item));
            }
            result.add(item.asText());
        }
        return result;
    }

    ScenarioYaml section(String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw error(key, value == null ? "missing" : "expected a mapping of keys, got " + describe(value));
        }
        return new ScenarioYaml(file, keyPath(key), value);
    }

    ScenarioYaml optionalSection(String key) {
        return has(key) ? section(key) : new ScenarioYaml(file, keyPath(key), YAML.createObjectNode());
    }

    /** A list of mappings, each knowing its index in the key path; missing means empty. */
    List<ScenarioYaml> sections(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw error(key, "expected a list, got " + describe(value));
        }
        List<ScenarioYaml> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isObject()) {
                throw error(itemKey, "expected a mapping of keys, got " + describe(item));
            }
            result.add(new ScenarioYaml(file, keyPath(itemKey), item));
        }
        return result;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list";
        }
        return value.toString();
    }
}
