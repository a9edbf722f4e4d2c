package io.graygate.tools.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pushes samples as JSON Lines to graygate's {@code POST /api/samples} (a token with role ingest). */
final class SamplePusher {
    private final URI url;
    private final String token;
    private final String source;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder batch = new StringBuilder();

    SamplePusher(URI service, String token, String source) {
        this.url = service.resolve("/api/samples");
        this.token = token;
        this.source = source;
    }

    void add(Instant ts, String metric, double value, String symbol) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", ts.toString());
        line.put("metric", metric);
        line.put("value", value);
        if (symbol != null) {
            line.put("symbol", symbol);
        }
        line.put("source", source);
        batch.append(Json.write(line)).append('\n');
    }

    /** What one push came to. */
    record Pushed(int accepted, int rejected, String problem) {
    }

    /** Sends the batch; a service that does not answer is a problem to report, not a reason to stop trading. */
    Pushed flush() throws InterruptedException {
        String body = batch.toString();
        batch.setLength(0);
        if (body.isEmpty()) {
            return new Pushed(0, 0, "");
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 422) {
                return new Pushed(0, 0, "POST /api/samples answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode reply = Json.MAPPER.readTree(response.body());
            return new Pushed(reply.path("accepted").asInt() + reply.path("duplicates").asInt(), reply.path("rejected").asInt(),
                    reply.path("rejected").asInt() == 0 ? "" : reply.path("rejections").toString());
        } catch (IOException e) {
            return new Pushed(0, 0, "POST /api/samples failed: " + e.getMessage());
        }
    }
}
