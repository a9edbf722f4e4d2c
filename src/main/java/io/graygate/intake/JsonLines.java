package io.graygate.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Iterator;
import java.util.Set;

/** JSON Lines: one object per line with the fields ts, metric, value and optional symbol and source. */
final class JsonLines {
    private static final Set<String> KNOWN = Set.of("ts", "metric", "value", "symbol", "source");
    // A key given twice would otherwise keep its last value silently; such a line is ambiguous, so rejected.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    RawFields parse(String line) throws LineProblem {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new LineProblem("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new LineProblem("expected a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw new LineProblem("unknown field " + FieldText.quoted(name) + "; expected ts, metric, value, symbol, source");
            }
        }
        return new RawFields(text(node, "ts"), text(node, "metric"), number(node), optionalText(node, "symbol"),
                optionalText(node, "source"));
    }

    private static String text(JsonNode node, String field) throws LineProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LineProblem("missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new LineProblem("field '" + field + "' must be a string, got " + FieldText.shown(value.toString()));
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) throws LineProblem {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return text(node, field);
    }

    private static String number(JsonNode node) throws LineProblem {
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw new LineProblem("missing field 'value'");
        }
        if (value.isNumber()) {
            return value.asText();
        }
        if (value.isTextual()) {
            // "NaN" / "Infinity" written as strings get the same precise reason as in CSV.
            return value.asText();
        }
        throw new LineProblem("field 'value' must be a number, got " + FieldText.shown(value.toString()));
    }
}
