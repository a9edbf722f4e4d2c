package io.graygate.security;

import org.junit.jupiter.api.Tag;
import io.graygate.service.ApiServer;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.decision.Evaluation;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-looking input in every text field graygate takes, from the command line and over HTTP: it is stored
 * as the data it is (read back equal), or refused as invalid input, and every table is still there.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class SqlInjectionTest {
    private static final String INJECTION = "x'); DROP TABLE sample; --";
    private static final String QUOTED = "Robert'); DELETE FROM evaluation WHERE ('1'='1";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Jdbi jdbi;
    private static String url;
    private static List<String> tablesBefore;
    private static List<Evaluation> evaluations;
    private static ApiServer server;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        evaluations = History.evaluate(jdbi, RuleLoader.load(Path.of("rules")), LocalDate.parse("2026-01-10"),
                LocalDate.parse("2026-01-12"));
        tablesBefore = tables();
        server = new ApiServer(new ServiceConfig("127.0.0.1", 0, List.of(
                new ServiceToken("operator-1", Role.OPERATOR, ServiceConfigLoader.sha256("operator-secret")),
                new ServiceToken("pusher-1", Role.INGEST, ServiceConfigLoader.sha256("ingest-secret")),
                new ServiceToken("viewer-1", Role.VIEWER, ServiceConfigLoader.sha256("viewer-secret")))),
                History.release(), db, Path.of("rules")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        assertThat(tables()).as("every table survives").isEqualTo(tablesBefore);
        assertThat(History.count(jdbi, "sample")).isPositive();
        assertThat(History.count(jdbi, "evaluation")).isEqualTo(evaluations.size());
    }

    private static List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() ORDER BY table_name").mapTo(String.class).list());
    }

    private static List<String> column(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(String.class).list();
        });
    }

    private static History.Cli cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--db-url";
        all[args.length + 1] = url;
        return History.run(all);
    }

    @Test
    void ingestSymbolMetricAndSourceAreRejectedAsBadNamesAndKeptVerbatim(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("inject.csv"), "ts,metric,value,symbol,source\n"
                + "2026-01-05T00:00:00Z,uptime_ratio,1.0,," + INJECTION + "\n"
                + "2026-01-05T00:00:00Z,activity,0.5," + INJECTION + ",exporter\n"
                + "2026-01-05T00:00:00Z," + INJECTION + ",1.0,,exporter\n");

        History.Cli ingest = cli("ingest", csv.toString());

        // symbol, metric and source are names (letters, digits, ._:/-), so each line is rejected as bad input,
        // and kept verbatim with its reason.
        assertThat(ingest.status()).as(ingest.err()).isEqualTo(1);
        assertThat(ingest.err()).contains(csv + ":2: ", csv + ":3: ", csv + ":4: ").doesNotContain("\tat ");
        assertThat(column("SELECT raw FROM ingest_rejection WHERE raw LIKE '2026-01-05%' ORDER BY line")).hasSize(3)
                .allSatisfy(raw -> assertThat(raw).contains(INJECTION));
        assertThat(column("SELECT source FROM series")).doesNotContain(INJECTION);
    }

    @Test
    void attestationByAndNoteAreStoredVerbatimAndAnInjectedCheckNameIsRefused() {
        History.Cli attest = cli("attest", "--stage", "gray_10pct", "--check", "business_feedback_positive", "--value", "yes",
                "--by", INJECTION, "--note", QUOTED);
        History.Cli badCheck = cli("attest", "--stage", "gray_10pct", "--check", INJECTION, "--value", "yes", "--by", "ann");

        assertThat(attest.status()).as(attest.err()).isZero();
        assertThat(column("SELECT stated_by || '|' || note FROM attestation")).containsExactly(INJECTION + "|" + QUOTED);
        assertThat(badCheck.status()).isEqualTo(2);
        assertThat(badCheck.err()).doesNotContain("\tat ");
    }

    @Test
    void problemTitleSolutionAndNamesAreStoredVerbatim() {
        History.Cli add = cli("problem", "add", "--stage", "gray_10pct", "--title", QUOTED, "--by", INJECTION);
        String id = column("SELECT id::text FROM problem WHERE title = ?", QUOTED).get(0);
        History.Cli resolve = cli("problem", "resolve", id, "--solution", INJECTION, "--by", QUOTED);

        assertThat(add.status()).as(add.err()).isZero();
        assertThat(resolve.status()).as(resolve.err()).isZero();
        assertThat(column("SELECT opened_by FROM problem WHERE id = ?", Long.parseLong(id))).containsExactly(INJECTION);
        assertThat(column("SELECT solution || '|' || resolved_by FROM problem_resolution")).containsExactly(INJECTION + "|" + QUOTED);
    }

    @Test
    void decisionReasonAndRollbackReasonAndNameAreStoredVerbatim() {
        History.Cli decide = cli("decide", Long.toString(evaluations.get(0).id()), "--reject", "--by", QUOTED, "--reason", INJECTION);
        History.Cli rollback = cli("rollback", "--reason", INJECTION, "--by", QUOTED);

        assertThat(decide.status()).as(decide.err()).isZero();
        assertThat(rollback.status()).as(rollback.err()).isZero();
        assertThat(column("SELECT decided_by || '|' || reason FROM stage_decision WHERE evaluation_id = ?", evaluations.get(0).id()))
                .containsExactly(QUOTED + "|" + INJECTION);
        assertThat(column("SELECT actor || '|' || reason FROM release_event WHERE actor NOT LIKE 'token:%'"))
                .contains(QUOTED + "|" + INJECTION);
    }

    @Test
    void jsonBodiesAndPathsOverHttpAreDataToo() throws Exception {
        int pushed = post("/api/samples", "ingest-secret", Json.write(Map.of("ts", "2026-01-06T00:00:00Z",
                "metric", "uptime_ratio", "value", 1.0, "source", QUOTED)) + "\n");
        int decided = post("/api/evaluations/" + evaluations.get(1).id() + "/decision", "operator-secret",
                Json.write(Map.of("approve", false, "reason", INJECTION)));
        int rolledBack = post("/api/rollback", "operator-secret", Json.write(Map.of("reason", QUOTED)));
        int started = post("/api/stages/gray_10pct/start", "operator-secret", Json.write(Map.of("reason", INJECTION)));
        int state = get("/api/state?symbol=" + URLEncoder.encode(INJECTION, StandardCharsets.UTF_8));
        int evaluation = get("/api/evaluations/" + URLEncoder.encode(INJECTION, StandardCharsets.UTF_8));

        assertThat(pushed).as("the source is not a valid name").isEqualTo(422);
        assertThat(decided).isEqualTo(201);
        assertThat(rolledBack).isEqualTo(201);
        assertThat(started).isIn(201, 409);
        assertThat(state).isEqualTo(404);
        assertThat(evaluation).isEqualTo(400);
        assertThat(column("SELECT raw FROM ingest_rejection")).anySatisfy(raw -> assertThat(raw).contains(Json.write(QUOTED)));
        assertThat(column("SELECT reason FROM stage_decision WHERE evaluation_id = ?", evaluations.get(1).id()))
                .containsExactly(INJECTION);
        assertThat(column("SELECT reason FROM release_event WHERE actor = 'token:operator-1'")).contains(QUOTED);
    }

    private static int post(String path, String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static int get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "viewer-secret");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static int send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
