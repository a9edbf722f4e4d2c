package io.graygate.release.agents;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an agent reports after an apply: the SHA-256 of the env file it wrote, the symbols that file covers, the
 * result, the apply command's exit code and the end of its output, and when. The wire form is a JSON object with
 * these field names; {@link #parse} is the service's strict reading of it (every field checked, sizes bounded).
 *
 * @param exitCode the apply command's exit code; null when no command ran or it was stopped at its time limit
 * @param detail   what the agent says about it (a timeout, why it fell back to baseline), at most {@value #MAX_DETAIL} chars
 */
public record ReportSubmission(String stateHash, List<String> symbols, ApplyResult result, Integer exitCode, String output,
                               String detail, Instant appliedAt) {
    /** The most of the apply command's output kept (its end: that is where the error usually is). */
    public static final int MAX_OUTPUT = 4096;
    public static final int MAX_DETAIL = 1024;
    /** A report body larger than this is refused before it is parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("stateHash", "symbols", "result", "exitCode", "output", "detail",
            "appliedAt");

    public ReportSubmission {
        symbols = List.copyOf(symbols);
        output = tail(output == null ? "" : output, MAX_OUTPUT);
        detail = tail(detail == null ? "" : detail, MAX_DETAIL);
    }

    /** The last {@code max} characters of the text (whole text when shorter). */
    public static String tail(String text, int max) {
        return text.length() <= max ? text : text.substring(text.length() - max);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stateHash", stateHash);
        m.put("symbols", symbols);
        m.put("result", result.name());
        m.put("exitCode", exitCode);
        m.put("output", output);
        m.put("detail", detail);
        m.put("appliedAt", appliedAt.toString());
        return m;
    }

    /**
     * The report in a request body; every problem is an IllegalArgumentException naming the field.
     *
     * @param universe the release's symbols: a report may only cover those
     */
    public static ReportSubmission parse(JsonNode body, List<String> universe) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("report must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("report: unknown field(s) " + unknown + "; expected " + FIELDS);
        }
        String hash = text(body, "stateHash");
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("report field stateHash: expected 64 lowercase hex digits");
        }
        JsonNode list = body.get("symbols");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > universe.size()) {
            throw new IllegalArgumentException("report field symbols: expected 1.." + universe.size() + " symbols of the release");
        }
        Set<String> known = Set.copyOf(universe);
        List<String> symbols = new ArrayList<>();
        for (JsonNode s : list) {
            if (!s.isTextual() || !known.contains(s.asText()) || symbols.contains(s.asText())) {
                throw new IllegalArgumentException("report field symbols: '" + tail(s.asText(), 40)
                        + "' is not a symbol of the release (or is listed twice)");
            }
            symbols.add(s.asText());
        }
        ApplyResult result;
        try {
            result = ApplyResult.valueOf(text(body, "result"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("report field result: expected APPLIED, FAILED or FAIL_SAFE");
        }
        JsonNode exit = body.get("exitCode");
        if (exit != null && !exit.isNull() && !exit.isInt()) {
            throw new IllegalArgumentException("report field exitCode: expected an integer or null");
        }
        String output = optionalText(body, "output", MAX_OUTPUT);
        String detail = optionalText(body, "detail", MAX_DETAIL);
        Instant appliedAt;
        try {
            appliedAt = Instant.parse(text(body, "appliedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("report field appliedAt: expected an ISO-8601 instant (2026-03-06T10:15:30Z)");
        }
        return new ReportSubmission(hash, symbols, result, exit == null || exit.isNull() ? null : exit.asInt(), output,
                detail, appliedAt);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("report field " + field + ": expected a string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode body, String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual() || node.asText().length() > max) {
            throw new IllegalArgumentException("report field " + field + ": expected a string of at most " + max + " characters");
        }
        return node.asText();
    }
}
