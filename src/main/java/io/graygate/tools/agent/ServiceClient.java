package io.graygate.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.release.agents.ReportSubmission;
import io.graygate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The agent's side of the protocol in docs/SERVICE.md ("Agents"), over the JDK HTTP client. */
public final class ServiceClient {
    /** What the service says the agent's env file should hold. */
    public record Desired(String hash, List<String> env, List<String> symbols, boolean baseline, String description) {
        public Desired {
            env = List.copyOf(env);
            symbols = List.copyOf(symbols);
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    public ServiceClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** The desired state; with {@code known} the current one, the service holds the call up to {@code wait}. */
    public Desired desired(String instance, List<String> symbols, String known, Duration wait)
            throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/api/agents/desired?instance=").append(encode(instance));
        if (!symbols.isEmpty()) {
            query.append("&symbols=").append(encode(String.join(",", symbols)));
        }
        if (known != null) {
            query.append("&known=").append(encode(known)).append("&wait=").append(wait.toSeconds());
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve(query.toString()))
                .header("Authorization", "Bearer " + token)
                .timeout(wait.plusSeconds(10)).GET().build();
        JsonNode body = send(request, 200);
        List<String> env = new ArrayList<>();
        body.path("env").forEach(line -> env.add(line.asText()));
        List<String> mine = new ArrayList<>();
        body.path("symbols").forEach(s -> mine.add(s.asText()));
        String hash = body.path("hash").asText();
        if (!hash.matches("[0-9a-f]{64}") || env.isEmpty()) {
            throw new IOException(base + " answered a desired state without a hash or env lines");
        }
        return new Desired(hash, env, mine, body.path("baseline").asBoolean(), body.path("description").asText());
    }

    public void report(String instance, ReportSubmission report) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/agents/" + encode(instance) + "/reports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(report.toJson()))).build();
        send(request, 201);
    }

    private JsonNode send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String body = response.body();
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
