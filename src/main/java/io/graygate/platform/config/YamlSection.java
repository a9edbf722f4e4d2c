package io.graygate.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping read from a YAML file that knows where it came from, so every error names the file, the
 * key path and what was expected. Unknown keys are errors: a typo must not silently fall back to a default.
 */
public final class YamlSection {
    // A key given twice would otherwise silently take the last value.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path file;
    private final String path;
    private final JsonNode node;

    private YamlSection(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Config files are small; anything larger is refused before it is parsed (an 8 MB release.yaml took 54 s). */
    public static final long MAX_FILE_BYTES = 1 << 20;

    public static YamlSection read(Path file) {
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(file, "", "file is " + size + " bytes; config files are at most " + MAX_FILE_BYTES
                        + " bytes (1 MB)");
            }
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "file not found");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(file, "", "not valid YAML" + place(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, "", "expected a mapping of keys at the top level");
        }
        return new YamlSection(file, "", root);
    }

    private static String place(com.fasterxml.jackson.core.JsonProcessingException e) {
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    public Path file() {
        return file;
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + (key.startsWith("[") ? "" : ".") + key;
    }

    public ConfigException error(String key, String problem) {
        return new ConfigException(file, keyPath(key), problem);
    }

    public void allowOnly(Set<String> keys) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw error(name, "unknown key; expected one of " + keys.stream().sorted().toList());
            }
        }
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    private JsonNode required(String key) {
        if (!has(key)) {
            throw error(key, "missing");
        }
        return node.get(key);
    }

    public String string(String key) {
        JsonNode value = required(key);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw error(key, "expected a non-empty text, got " + describe(value));
        }
        return value.asText();
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public int integer(String key, int min, int max) {
        JsonNode value = required(key);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw error(key, "expected a whole number from " + min + " to " + max + ", got " + describe(value));
        }
        return value.asInt();
    }

    public int integer(String key, int min, int max, int fallback) {
        return has(key) ? integer(key, min, max) : fallback;
    }

    public double decimal(String key, double min, double max) {
        JsonNode value = required(key);
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw error(key, "expected a number from " + min + " to " + max + ", got " + describe(value));
        }
        return value.asDouble();
    }

    public double decimal(String key, double min, double max, double fallback) {
        return has(key) ? decimal(key, min, max) : fallback;
    }

    public Double optionalDecimal(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode value = node.get(key);
        if (!value.isNumber()) {
            throw error(key, "expected a number, got " + describe(value));
        }
        return value.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(value));
        }
        return value.asBoolean();
    }

    public List<String> strings(String key) {
        JsonNode value = required(key);
        if (!value.isArray() || value.isEmpty()) {
            throw error(key, "expected a non-empty list of texts, got " + describe(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error(key + "[" + i + "]", "expected a non-empty text, got " + describe(item));
            }
            if (result.contains(item.asText())) {
                throw error(key + "[" + i + "]", "'" + item.asText() + "' is listed twice");
            }
            result.add(item.asText());
        }
        return result;
    }

    public boolean isText(String key) {
        return has(key) && node.get(key).isTextual();
    }

    public YamlSection section(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw error(key, "expected a mapping of keys, got " + describe(value));
        }
        return new YamlSection(file, keyPath(key), value);
    }

    public YamlSection optionalSection(String key) {
        return has(key) ? section(key) : new YamlSection(file, keyPath(key), MissingNode.getInstance());
    }

    /** The keys of this mapping in file order, each with its own section. */
    public Map<String, YamlSection> sections() {
        Map<String, YamlSection> result = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            result.put(names.next(), null);
        }
        result.replaceAll((name, ignored) -> section(name));
        return result;
    }

    /** Scalar values of this mapping, as text, in file order (free-form parameter blocks). */
    public Map<String, Object> scalars() {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isValueNode()) {
                throw error(field.getKey(), "expected a plain value (text, number or true/false), got " + describe(value));
            }
            result.put(field.getKey(), value.isNumber() ? value.numberValue() : value.isBoolean() ? value.asBoolean() : value.asText());
        }
        return result;
    }

    /** Any plain value (text, number, true/false) as text; for files where a value's type is not fixed. */
    public String scalarText(String key) {
        JsonNode value = required(key);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(key, "expected a non-empty text, got " + describe(value));
        }
        return value.asText();
    }

    public String scalarText(String key, String fallback) {
        return has(key) ? scalarText(key) : fallback;
    }

    public double decimal(String key, double fallback) {
        Double value = optionalDecimal(key);
        return value == null ? fallback : value;
    }

    /** A list of plain values as texts; missing means empty. */
    public List<String> optionalScalarTexts(String key) {
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

    /** A list of mappings, each knowing its index in the key path; missing means empty. */
    public List<YamlSection> mappings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw error(key, "expected a list, got " + describe(value));
        }
        List<YamlSection> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isObject()) {
                throw error(itemKey, "expected a mapping of keys, got " + describe(item));
            }
            result.add(new YamlSection(file, keyPath(itemKey), item));
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
