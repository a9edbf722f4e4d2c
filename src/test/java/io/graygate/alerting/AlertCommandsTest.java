package io.graygate.alerting;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.service.ApiServer;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.facts.Severity;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `graygate alert list/show/ack` and /api/alerts: what people see and how an acknowledgement is recorded. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class AlertCommandsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Database db;
    private ReleaseConfig release;
    private ApiServer server;
    private long cliAlert;
    private long apiAlert;

    @BeforeAll
    void setUp(Database database) throws Exception {
        db = database;
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        Instant raised = Instant.parse("2026-11-01T10:00:00Z");
        cliAlert = raise("CPU", raised);
        apiAlert = raise("MEMORY", raised);
        try (Receiver receiver = new Receiver()) {
            receiver.answer("/ops", 503); // the first POST: the CLI's alert, the older id
            AlertConfig config = new AlertConfig(Map.of("ops", new Channel("ops", ChannelType.SLACK, receiver.url("/ops"))),
                    List.of(new EscalationLevel(Duration.ZERO, List.of("ops"))),
                    new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15)),
                    new StaleDataPolicy(Duration.ZERO, List.of()), null);
            MovableClock clock = new MovableClock(raised);
            AlertDispatcher dispatcher = new AlertDispatcher(db.jdbi(), release.name(), config, clock, "cli-test");
            dispatcher.runOnce();
            clock.advance(Duration.ofSeconds(30));
            dispatcher.runOnce();
        }
        List<ServiceToken> tokens = List.of(
                new ServiceToken("viewer-1", Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")),
                new ServiceToken("operator-1", Role.OPERATOR, ServiceConfigLoader.sha256("operator-secret")));
        server = new ApiServer(new ServiceConfig("127.0.0.1", 0, tokens), release, db, Path.of("rules")).start("127.0.0.1", 0);
    }

    private long raise(String code, Instant at) {
        return db.jdbi().inTransaction(h -> AlertStore.insert(h, new NewAlert(release.name(), AlertKind.CRITICAL_ALERT,
                Severity.CRITICAL, "gray_10pct", null, 3, code, "critical alert on gray_10pct: " + code,
                List.of(code + " above limit [Alert: " + code + "]"), true, at)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(2, List.of("--db-url", ((PGSimpleDataSource) db.dataSource()).getURL(), "--release", "config/release.yaml"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    @Test
    void theCommandLineListsShowsDeliveriesAndAcknowledgesOnce() {
        Run list = cli("alert", "list", "--open");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("#" + cliAlert + "  CRITICAL OPEN", "critical alert on gray_10pct: CPU");

        Run show = cli("alert", "show", String.valueOf(cliAlert));
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("CPU above limit [Alert: CPU]", "level 0 -> ops: DELIVERED",
                "attempt 1 at 2026-11-01T10:00:00Z by cli-test: HTTP 503", "next attempt 2026-11-01T10:00:30Z",
                "attempt 2 at 2026-11-01T10:00:30Z by cli-test: HTTP 200");

        Run ack = cli("alert", "ack", String.valueOf(cliAlert), "--by", "erin", "--note", "scaling out");
        assertThat(ack.exit()).as(ack.err()).isZero();
        assertThat(ack.out()).contains("#" + cliAlert, "ACKED", "acknowledged by erin", "no further escalation");
        assertThat(cli("alert", "show", String.valueOf(cliAlert)).out()).contains("acknowledged by erin", ": scaling out");
        assertThat(cli("alert", "list", "--open").out()).doesNotContain("#" + cliAlert + " ");

        Run again = cli("alert", "ack", String.valueOf(cliAlert), "--by", "frank");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already acknowledged by erin");
        Run unknown = cli("alert", "show", "424242");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no alert #424242");
    }

    @Test
    void theApiListsForViewersAndAcknowledgesForOperatorsAsTheToken() throws Exception {
        Reply list = call("GET", "/api/alerts?open=true", "viewer-secret", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().findValuesAsText("id")).contains(String.valueOf(apiAlert));

        Reply one = call("GET", "/api/alerts/" + apiAlert, "viewer-secret", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("state").asText()).isEqualTo("OPEN");
        assertThat(one.body().get("notifications").get(0).get("attempts").findValuesAsText("statusCode")).containsExactly("200");

        assertThat(call("POST", "/api/alerts/" + apiAlert + "/ack", "viewer-secret", "{}").status()).isEqualTo(403);
        Reply acked = call("POST", "/api/alerts/" + apiAlert + "/ack", "operator-secret", "{\"note\":\"on it\"}");
        assertThat(acked.status()).as(acked.body().toString()).isEqualTo(200);
        assertThat(acked.body().get("state").asText()).isEqualTo("ACKED");
        assertThat(acked.body().get("ack").get("by").asText()).isEqualTo("token:operator-1");
        assertThat(acked.body().get("ack").get("note").asText()).isEqualTo("on it");

        Reply twice = call("POST", "/api/alerts/" + apiAlert + "/ack", "operator-secret", "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("error").asText()).contains("already acknowledged by token:operator-1");
        assertThat(call("POST", "/api/alerts/987654/ack", "operator-secret", "").status()).isEqualTo(404);
        assertThat(call("GET", "/api/alerts?open=maybe", "viewer-secret", null).status()).isEqualTo(400);
    }
}
