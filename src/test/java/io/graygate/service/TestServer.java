package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.PageSettings;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.platform.Database;
import io.graygate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code graygate serve} on a free port with one token per role ("viewer-secret", "analyst-secret",
 * "operator-secret", "ingest-secret", "agent-secret"), called with the JDK HttpClient (which follows no redirect).
 */
public final class TestServer implements AutoCloseable {
    public static final int REFRESH_SECONDS = 7;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final ApiServer server;

    public TestServer(Database db, ReleaseConfig release) {
        this(db, release, REFRESH_SECONDS);
    }

    public TestServer(Database db, ReleaseConfig release, int refreshSeconds) {
        List<ServiceToken> tokens = List.of(
                new ServiceToken("viewer-1", Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")),
                new ServiceToken("analyst-1", Role.ANALYST, ServiceConfigLoader.sha256("analyst-secret")),
                new ServiceToken("operator-1", Role.OPERATOR, ServiceConfigLoader.sha256("operator-secret")),
                new ServiceToken("pusher-1", Role.INGEST, ServiceConfigLoader.sha256("ingest-secret")),
                new ServiceToken("agent-1", Role.AGENT, ServiceConfigLoader.sha256("agent-secret")));
        ServiceConfig config = new ServiceConfig("127.0.0.1", 0, tokens, new PageSettings(refreshSeconds, Duration.ofHours(1)),
                ServiceConfig.RulesReload.DEFAULT, io.graygate.platform.config.ScheduleConfig.disabled());
        server = new ApiServer(config, release, db, Path.of("rules")).start("127.0.0.1", 0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** What the server answered. */
    public record Reply(int status, HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }
    }

    /** A call with a bearer token (null for none) and a JSON body (null for none). */
    public Reply call(String method, String path, String token, String body) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return browser(method, path, null, headers, body);
    }

    /** A call as a browser makes it: a cookie (null for none) and any other headers, e.g. a form post's content type. */
    public Reply browser(String method, String path, String cookie, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(method, path, body);
        headers.forEach(request::header);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
