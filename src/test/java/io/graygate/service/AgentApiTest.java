package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.audit.AuditChain;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.agents.Fleet;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agents' endpoints: what the agent role may do, what a report must look like, the long poll, the audit. */
@ExtendWith(TestDatabase.class)
class AgentApiTest {
    private static TestServer server;
    private static Database db;
    private static ReleaseConfig release;

    @BeforeAll
    static void start(Database database) {
        db = database;
        release = Releases.fresh();
        server = new TestServer(db, release);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST | /api/rollback                    | 403",
            "POST | /api/samples                     | 403",
            "GET  | /api/state                       | 403",
            "POST | /api/stages/gray_10pct/start     | 403",
            "GET  | /api/agents                      | 403",
            "GET  | /api/agents/desired?instance=a-1 | 200"})
    void theAgentRoleReadsItsDesiredStateOnly(String method, String path, int status) throws Exception {
        assertThat(server.call(method, path, "agent-secret", "{\"reason\":\"x\"}").status()).isEqualTo(status);
    }

    @Test
    void otherRolesCannotPostReportsOrPollAsAnAgent() throws Exception {
        assertThat(server.call("GET", "/api/agents/desired?instance=a-1", "operator-secret", null).status()).isEqualTo(403);
        assertThat(server.call("POST", "/api/agents/a-1/reports", "ingest-secret", report(hash("BTCUSDT"), "BTCUSDT"))
                .status()).isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/agents/desired?instance=bad%20name        | instance name must be 1..63 letters",
            "/api/agents/desired?instance=-dash             | instance name must be 1..63 letters",
            "/api/agents/desired                            | got nothing",
            "/api/agents/desired?instance=a&symbols=NOPE    | symbols not in the release universe: [NOPE]",
            "/api/agents/desired?instance=a&wait=31&known=x | wait must be 0..30 seconds"})
    void badPollsAreRefusedNamingTheProblem(String path, String message) throws Exception {
        TestServer.Reply reply = server.call("GET", path, "agent-secret", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).contains(message);
    }

    @Test
    void aLongInstanceNameIsRefused() throws Exception {
        TestServer.Reply reply = server.call("GET", "/api/agents/desired?instance=" + "a".repeat(64), "agent-secret", null);
        assertThat(reply.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"stateHash\":\"abc\",\"symbols\":[\"BTCUSDT\"],\"result\":\"APPLIED\",\"appliedAt\":\"2026-03-06T10:00:00Z\"} | stateHash",
            "{\"stateHash\":\"HASH\",\"symbols\":[\"XX\"],\"result\":\"APPLIED\",\"appliedAt\":\"2026-03-06T10:00:00Z\"}   | symbols",
            "{\"stateHash\":\"HASH\",\"symbols\":[\"BTCUSDT\"],\"result\":\"DONE\",\"appliedAt\":\"2026-03-06T10:00:00Z\"} | result",
            "{\"stateHash\":\"HASH\",\"symbols\":[\"BTCUSDT\"],\"result\":\"APPLIED\",\"appliedAt\":\"yesterday\"}         | appliedAt",
            "{\"stateHash\":\"HASH\",\"symbols\":[\"BTCUSDT\"],\"result\":\"APPLIED\",\"appliedAt\":\"2026-03-06T10:00:00Z\",\"role\":\"operator\"} | unknown field(s) [role]"})
    void badReportsAreRefusedNamingTheField(String body, String field) throws Exception {
        TestServer.Reply reply = server.call("POST", "/api/agents/a-1/reports", "agent-secret",
                body.replace("HASH", hash("BTCUSDT")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).contains(field);
    }

    @Test
    void reportsAreBoundedInSize() throws Exception {
        String longOutput = "x".repeat(5000);
        TestServer.Reply tooLong = server.call("POST", "/api/agents/a-1/reports", "agent-secret",
                report(hash("BTCUSDT"), "BTCUSDT").replace("\"output\":\"\"", "\"output\":\"" + longOutput + "\""));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").asText()).contains("output: expected a string of at most 4096 characters");
        TestServer.Reply huge = server.call("POST", "/api/agents/a-1/reports", "agent-secret", "{\"pad\":\"" + "y".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void aStoredReportIsChainedAndCannotBeEdited() throws Exception {
        TestServer.Reply stored = server.call("POST", "/api/agents/chained-1/reports", "agent-secret",
                report(hash("BTCUSDT"), "BTCUSDT"));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().path("baseline").asBoolean()).isTrue();
        long id = stored.json().path("id").asLong();
        String reportedBy = db.jdbi().withHandle(h -> h.createQuery("SELECT reported_by FROM agent_report WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(reportedBy).isEqualTo("token:agent-1");
        assertThat(new AuditChain(db.jdbi()).verify().intact()).isTrue();
        long links = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_chain WHERE entity = 'agent_report' "
                + "AND entity_id = :id").bind("id", Long.toString(id)).mapTo(Long.class).one());
        assertThat(links).isEqualTo(1);
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE agent_report SET result = 'FAILED' WHERE id = ?", id)))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("append-only");
    }

    @Test
    void aLongPollAnswersWhenTheReleaseMovesAndShowsTheNewState() throws Exception {
        String baseline = hash("ETHUSDT");
        ReleaseStore store = new ReleaseStore(db.jdbi());
        CompletableFuture<TestServer.Reply> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return server.call("GET", "/api/agents/desired?instance=poller&symbols=ETHUSDT&wait=30&known=" + baseline,
                        "agent-secret", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Releases.stateReadiness(store, release);
        // The poll is held until the stage starts; then it carries stage 1's env for ETHUSDT.
        Lifecycle.standard(release, store, Releases.RULES).startStage("gray_10pct", "alice", "long poll test");
        JsonNode desired = poll.get().json();
        assertThat(desired.path("hash").asText()).isNotEqualTo(baseline);
        assertThat(desired.path("baseline").asBoolean()).isFalse();
        assertThat(desired.path("env").toString()).contains("DYNAMIC_MODE_ENABLED=true", "MIN_ACTIVE_WINDOWS=5");
    }

    private static String hash(String symbol) {
        return Fleet.baselineHash(List.of(symbol));
    }

    private static String report(String hash, String symbol) {
        return "{\"stateHash\":\"" + hash + "\",\"symbols\":[\"" + symbol + "\"],\"result\":\"APPLIED\",\"exitCode\":0,"
                + "\"output\":\"\",\"appliedAt\":\"" + Instant.now() + "\"}";
    }
}
