package io.graygate.service;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.Hysteresis;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Verdict;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API on a free port, called with the JDK HttpClient: roles, JSON errors, and each endpoint. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class ApiServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ApiServer server;
    private static Database db;
    private static ReleaseConfig release;

    @BeforeAll
    static void start(Database database) {
        db = database;
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        List<ServiceToken> tokens = List.of(
                new ServiceToken("viewer-1", Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")),
                new ServiceToken("analyst-1", Role.ANALYST, ServiceConfigLoader.sha256("analyst-secret")),
                new ServiceToken("operator-1", Role.OPERATOR, ServiceConfigLoader.sha256("operator-secret")),
                new ServiceToken("pusher-1", Role.INGEST, ServiceConfigLoader.sha256("ingest-secret")));
        server = new ApiServer(new ServiceConfig("127.0.0.1", 0, tokens), release, db, Path.of("rules")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static Reply call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET,  /api/state,            ,                 401",
            "GET,  /api/state,            wrong-secret,     401",
            "GET,  /api/state,            viewer-secret,    200",
            "GET,  /api/state,            analyst-secret,   200",
            "GET,  /api/state,            operator-secret,  200",
            "GET,  /api/state,            ingest-secret,    403",
            "GET,  /api/evaluations,      viewer-secret,    200",
            "GET,  /api/rules/check,      viewer-secret,    403",
            "GET,  /api/schedule,         ,                 401",
            "GET,  /api/schedule,         viewer-secret,    200",
            "GET,  /api/rules/check,      analyst-secret,   200",
            "POST, /api/rollback,         ,                 401",
            "POST, /api/rollback,         viewer-secret,    403",
            "POST, /api/rollback,         analyst-secret,   403",
            "POST, /api/rollback,         ingest-secret,    403",
            "POST, /api/samples,          viewer-secret,    403",
            "POST, /api/samples,          operator-secret,  403",
            "POST, /api/samples,          ingest-secret,    200",
            "POST, /api/stages/gray_10pct/start, analyst-secret, 403",
            "POST, /api/stages/gray_10pct/start, ,          401",
            "GET,  /api/evaluations/1,    ,                 401",
            "GET,  /api/evaluations/1,    ingest-secret,    403",
            "POST, /api/evaluations/1/decision, ,           401",
            "POST, /api/evaluations/1/decision, wrong-secret, 401",
            "POST, /api/evaluations/1/decision, viewer-secret, 403",
            "POST, /api/evaluations/1/decision, analyst-secret, 403",
            "GET,  /api/rules/check,      ,                 401",
            "GET,  /health,               ,                 200",
            "GET,  /metrics,              ,                 200",
    })
    void eachRoleGetsExactlyItsEndpoints(String method, String path, String token, int expected) throws Exception {
        Reply reply = call(method, path, token, method.equals("POST") ? "" : null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.json().get("error").asText()).isNotBlank();
            assertThat(reply.json().get("status").asInt()).isEqualTo(expected);
        }
    }

    @Test
    void theScheduleShowsItsConfigurationAndNothingPendingWhenOff() throws Exception {
        Reply reply = call("GET", "/api/schedule", "viewer-secret", null);

        assertThat(reply.json().get("release").asText()).isEqualTo(release.name());
        assertThat(reply.json().get("enabled").asBoolean()).isFalse();
        assertThat(reply.json().get("time").asText()).isEqualTo("00:30");
        assertThat(reply.json().get("nextRun").isNull()).isTrue();
    }

    @Test
    void pushedSamplesAreStoredOnceAndBadLinesAreRejectedWithReasons() throws Exception {
        String batch = """
                {"ts":"2026-03-01T00:00:00Z","metric":"cpu_ratio","value":0.2,"source":"api-test"}
                {"ts":"2026-03-01T00:00:00Z","metric":"activity","value":0.4,"symbol":"ETHUSDT","source":"api-test"}
                """;

        Reply first = call("POST", "/api/samples", "ingest-secret", batch);
        Reply again = call("POST", "/api/samples", "ingest-secret", batch);
        Reply bad = call("POST", "/api/samples", "ingest-secret",
                "{\"ts\":\"2026-03-01T00:00:00Z\",\"metric\":\"uptime_ratio\",\"value\":1.5,\"source\":\"api-test\"}\n");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/rejections/0/reason").asText()).contains("uptime_ratio");
        String origin = db.jdbi().withHandle(h -> h.createQuery("SELECT origin FROM ingest_run ORDER BY id DESC LIMIT 1")
                .mapTo(String.class).one());
        assertThat(origin).isEqualTo("api:token:pusher-1");
    }

    @Test
    void stageStartIsRefusedWithReasonsAndRollbackIsAuditedWithTheTokenName() throws Exception {
        Reply refused = call("POST", "/api/stages/gray_10pct/start", "operator-secret", "{\"reason\":\"go\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("reasons").toString()).contains("not stated yes: alert_channel (alert channel working): nobody has stated it");

        Reply noReason = call("POST", "/api/rollback", "operator-secret", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("error").asText()).contains("reason");

        Reply rolledBack = call("POST", "/api/rollback", "operator-secret", "{\"reason\":\"crash\"}");
        assertThat(rolledBack.status()).isEqualTo(201);
        assertThat(rolledBack.json().get("actor").asText()).isEqualTo("token:operator-1");

        Reply state = call("GET", "/api/state?symbol=ETHUSDT", "viewer-secret", null);
        assertThat(state.json().get("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(state.json().at("/symbols/0/dynamicModeEnabled").asBoolean()).isFalse();
        assertThat(state.json().at("/symbols/0/strategyMode").asText()).isEqualTo("quiet");
    }

    @Test
    void theStateOfARunningStageCarriesBothThresholds() throws Exception {
        ReleaseConfig fresh = Releases.fresh();
        StageConfig first = fresh.stages().get(0);
        Hysteresis h = first.hysteresis();
        StageConfig asymmetric = new StageConfig(first.file(), first.name(), first.number(), first.trafficPercent(),
                first.symbols(), first.observationDays(), new Hysteresis(h.minActiveWindows(), h.minQuietWindows(),
                        h.activeThreshold(), 0.4, h.windowSeconds()), first.activeMode(), first.throttleInQuiet(),
                first.baseline(), first.requiredMetrics(), first.gate());
        List<StageConfig> stages = new java.util.ArrayList<>(fresh.stages());
        stages.set(0, asymmetric);
        ReleaseConfig twoThresholds = new ReleaseConfig(fresh.file(), fresh.name(), fresh.universe(), stages,
                fresh.catalogue(), fresh.minDayCoverage());
        ReleaseStore store = new ReleaseStore(db.jdbi());
        Releases.stateReadiness(store, twoThresholds);
        Lifecycle.standard(twoThresholds, store, Path.of("rules")).startStage(first.name(), "alice", "go");
        String member = first.symbols().get(0);

        try (ApiServer other = new ApiServer(new ServiceConfig("127.0.0.1", 0, List.of(new ServiceToken("viewer-1",
                Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")))), twoThresholds, db, Path.of("rules"))
                .start("127.0.0.1", 0)) {
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port()
                    + "/api/state?symbol=" + member)).header("Authorization", "Bearer viewer-secret").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.MAPPER.readTree(reply.body());

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(json.at("/symbols/0/dynamicModeEnabled").asBoolean()).isTrue();
            assertThat(json.at("/symbols/0/hysteresis/activeThreshold").asDouble()).isEqualTo(h.activeThreshold());
            assertThat(json.at("/symbols/0/hysteresis/quietThreshold").asDouble()).isEqualTo(0.4);
        }
    }

    @Test
    void evaluationsAreListedAndReadWithTheMeetingsDecision() throws Exception {
        long id = Releases.evaluation(db.jdbi(), release, 1, Verdict.ADVANCE);
        Reply decided = call("POST", "/api/evaluations/" + id + "/decision", "operator-secret",
                "{\"approve\":false,\"reason\":\"not convinced\"}");
        assertThat(decided.status()).as(decided.body()).isEqualTo(201);

        Reply list = call("GET", "/api/evaluations?limit=10", "viewer-secret", null);
        Reply one = call("GET", "/api/evaluations/" + id, "viewer-secret", null);

        assertThat(list.json().findValuesAsText("id")).contains(String.valueOf(id));
        assertThat(one.json().get("recommendation").asText()).isEqualTo("ADVANCE");
        assertThat(one.json().get("outcome").asText()).isEqualTo("HOLD");
        assertThat(one.json().get("override").asBoolean()).isTrue();
        assertThat(one.json().get("decided_by").asText()).isEqualTo("token:operator-1");
        assertThat(call("GET", "/api/evaluations/999999", "viewer-secret", null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/evaluations/abc", "viewer-secret", null).status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndBadJsonAreJsonErrors() throws Exception {
        Reply missing = call("GET", "/api/nothing-here", "viewer-secret", null);
        Reply badJson = call("POST", "/api/rollback", "operator-secret", "{not json");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("/api/nothing-here");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("error").asText()).contains("not valid JSON");
    }

    @Test
    void readinessAndPrometheusMetrics() throws Exception {
        call("GET", "/api/state", "viewer-secret", null);

        Reply ready = call("GET", "/ready", null, null);
        Reply metrics = call("GET", "/metrics", null, null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("database").asText()).isEqualTo("ok");
        assertThat(metrics.body()).contains("graygate_http_requests_seconds_count{method=\"GET\",route=\"/api/state\"");
    }
}
