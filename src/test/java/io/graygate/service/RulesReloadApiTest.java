package io.graygate.service;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.rules.reload.LiveRuleSetTest;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/rules and POST /api/rules/reload on a server whose rules directory the test edits. */
@ExtendWith(TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("db")
class RulesReloadApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Path rules;
    private static ApiServer server;
    private static Database db;

    @BeforeAll
    static void start(Database database) throws IOException {
        db = database;
        rules = Files.createTempDirectory("graygate-reload-api");
        LiveRuleSetTest.copy(Path.of("rules"), rules);
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        List<ServiceToken> tokens = List.of(
                new ServiceToken("viewer-1", Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")),
                new ServiceToken("analysts", Role.ANALYST, ServiceConfigLoader.sha256("analyst-secret")),
                new ServiceToken("operator-1", Role.OPERATOR, ServiceConfigLoader.sha256("operator-secret")),
                new ServiceToken("pusher-1", Role.INGEST, ServiceConfigLoader.sha256("ingest-secret")));
        server = new ApiServer(new ServiceConfig("127.0.0.1", 0, tokens), release, db, rules).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, JsonNode json) {
    }

    static Reply call(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET,  /api/rules,        ,                 401",
            "GET,  /api/rules,        wrong-secret,     401",
            "GET,  /api/rules,        ingest-secret,    403",
            "GET,  /api/rules,        viewer-secret,    200",
            "GET,  /api/rules,        analyst-secret,   200",
            "POST, /api/rules/reload, ,                 401",
            "POST, /api/rules/reload, wrong-secret,     401",
            "POST, /api/rules/reload, viewer-secret,    403",
            "POST, /api/rules/reload, operator-secret,  403",
            "POST, /api/rules/reload, ingest-secret,    403",
            "POST, /api/rules/reload, analyst-secret,   200",
    })
    void roles(String method, String path, String token, int expected) throws Exception {
        Reply reply = call(method, path, token);

        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(expected);
    }

    @Test
    @Order(2)
    void unchangedRulesAreANoOpAndTheLiveSetIsShown() throws Exception {
        Reply reload = call("POST", "/api/rules/reload", "analyst-secret");
        Reply shown = call("GET", "/api/rules", "viewer-secret");

        assertThat(reload.json().get("result").asText()).isEqualTo("unchanged");
        assertThat(shown.json().get("live").get("sha256").asText()).isEqualTo(reload.json().get("liveSha256").asText());
        assertThat(shown.json().get("live").get("loadedBy").asText()).isEqualTo("serve:start");
        assertThat(shown.json().get("lastRefused").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void aValidChangeIsSwappedInAndStoredAsAVersion() throws Exception {
        append("gates.drl", "\n// reviewed\n");

        Reply reload = call("POST", "/api/rules/reload", "analyst-secret");

        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().get("result").asText()).isEqualTo("swapped");
        String sha = reload.json().get("liveSha256").asText();
        assertThat(call("GET", "/api/rules", "viewer-secret").json().get("live").get("sha256").asText()).isEqualTo(sha);
        String loadedBy = db.jdbi().withHandle(h -> h.createQuery("SELECT loaded_by FROM ruleset WHERE sha256 = :sha")
                .bind("sha", sha).mapTo(String.class).one());
        assertThat(loadedBy).isEqualTo("serve:reload (token:analysts)");
    }

    @Test
    @Order(4)
    void aBrokenChangeIsRefusedWithItsProblemsAndTheServiceStaysReady() throws Exception {
        String live = call("GET", "/api/rules", "viewer-secret").json().get("live").get("sha256").asText();
        append("rollback.drl", "\nrule \"half written\" when\n");

        Reply reload = call("POST", "/api/rules/reload", "analyst-secret");
        JsonNode shown = call("GET", "/api/rules", "viewer-secret").json();
        Reply ready = call("GET", "/ready", null);

        assertThat(reload.status()).isEqualTo(422);
        assertThat(reload.json().get("result").asText()).isEqualTo("refused");
        assertThat(reload.json().get("liveSha256").asText()).isEqualTo(live);
        assertThat(reload.json().get("problems").get(0).asText()).startsWith(rules.resolve("rollback.drl") + ":");
        assertThat(shown.get("live").get("sha256").asText()).isEqualTo(live);
        assertThat(shown.get("lastRefused").get("sha256").asText()).isEqualTo(reload.json().get("candidateSha256").asText());
        assertThat(shown.get("lastRefused").get("problems")).isNotEmpty();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("rules").asText()).isEqualTo("ok " + live);
    }

    private static void append(String file, String text) throws IOException {
        Files.writeString(rules.resolve(file), Files.readString(rules.resolve(file)) + text);
    }
}
