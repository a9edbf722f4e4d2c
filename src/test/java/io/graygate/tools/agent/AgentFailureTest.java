package io.graygate.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.service.ApiServer;
import io.graygate.service.TestServer;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents as real processes when things go wrong: the service goes away (the agent falls back to the baseline after
 * the silence limit, and reports that once the service is back), and an apply command that fails (reported, shown
 * by the API, failing the health check and a waiting rollback, both naming the agent).
 */
@ExtendWith(TestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentFailureTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SYMBOL = "ETHUSDT";   // stage 1's member
    private static Database db;
    private static ReleaseConfig release;

    @BeforeAll
    static void stageOneRuns(Database database) {
        db = database;
        release = History.release();
        ReleaseStore store = new ReleaseStore(db.jdbi());
        Releases.stateReadiness(store, release);
        Lifecycle.standard(release, store, Releases.RULES).startStage("gray_10pct", "alice", "agent failure tests");
    }

    private static ApiServer serve(int port) {
        ServiceConfig config = new ServiceConfig("127.0.0.1", port, List.of(
                new ServiceToken("agent-1", Role.AGENT, ServiceConfigLoader.sha256(AgentLoopTest.AGENT_SECRET))));
        return new ApiServer(config, release, db, Releases.RULES).start("127.0.0.1", port);
    }

    @Test
    @Order(1)
    void anAgentCutOffFromTheServiceFallsBackToTheBaselineAndSaysSoWhenItIsBack(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("cut-off.env");
        ApiServer first = serve(0);
        int port = first.port();
        try (AgentProcess agent = AgentProcess.start(dir, AgentLoopTest.AGENT_SECRET, "--service-url",
                "http://127.0.0.1:" + port, "--instance", "cut-off", "--env-file", env.toString(), "--symbols", SYMBOL,
                "--fail-safe-after", "3", "--max-backoff", "1")) {
            Eventually.await("the agent applies stage 1", LIMIT,
                    () -> AgentLoopTest.read(env).contains("DYNAMIC_MODE_ENABLED=true"), agent::log);
            first.close();
            long cut = System.nanoTime();
            Eventually.await("the agent falls back to the baseline", LIMIT,
                    () -> AgentLoopTest.lines(env).equals(List.of("STRATEGY_MODE=quiet", "DYNAMIC_MODE_ENABLED=false")),
                    agent::log);
            assertThat(Duration.ofNanos(System.nanoTime() - cut)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(agent.log()).contains("service unreachable", "FAIL-SAFE baseline applied");
            assertThat(failSafeReports()).isZero();   // nobody to tell yet

            try (ApiServer back = serve(port)) {
                Eventually.await("the fail-safe is reported and stage 1 applied again", LIMIT,
                        () -> failSafeReports() == 1 && AgentLoopTest.read(env).contains("DYNAMIC_MODE_ENABLED=true"),
                        agent::log);
            }
            String detail = db.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM agent_report WHERE instance = 'cut-off' "
                    + "AND result = 'FAIL_SAFE'").mapTo(String.class).one());
            assertThat(detail).contains("fail-safe after 3 s", "baseline written by the agent");
            boolean baseline = db.jdbi().withHandle(h -> h.createQuery("SELECT baseline FROM agent_report WHERE "
                    + "instance = 'cut-off' AND result = 'FAIL_SAFE'").mapTo(Boolean.class).one());
            assertThat(baseline).isTrue();
        }
    }

    private static long failSafeReports() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM agent_report WHERE instance = 'cut-off' "
                + "AND result = 'FAIL_SAFE'").mapTo(Long.class).one());
    }

    @Test
    @Order(2)
    void anApplyCommandThatFailsIsReportedShownAndFailsTheHealthCheckAndTheRollbackWait(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("broken.env");
        try (TestServer server = new TestServer(db, release);
             AgentProcess agent = AgentProcess.start(dir, AgentLoopTest.AGENT_SECRET, "--service-url", server.url(""),
                     "--instance", "strategy-broken", "--env-file", env.toString(), "--symbols", SYMBOL,
                     "--", "sh", "-c", "echo reload refused >&2; exit 3")) {
            Eventually.await("the failed apply is reported", LIMIT, () -> lastReport(server).path("result").asText().equals("FAILED"),
                    agent::log);
            JsonNode report = lastReport(server);
            assertThat(report.path("exitCode").asInt()).isEqualTo(3);
            assertThat(report.path("output").asText()).contains("reload refused");
            assertThat(report.path("detail").asText()).isEqualTo("apply command exited 3");
            JsonNode shown = AgentLoopTest.call(server, "/api/state").path("agents");
            assertThat(shown.toString()).contains("\"instance\":\"strategy-broken\"", "\"inSync\":false", "\"result\":\"FAILED\"");
            // The env file holds the state even though the strategy did not take it.
            assertThat(AgentLoopTest.read(env)).contains("DYNAMIC_MODE_ENABLED=true");

            String url = ((PGSimpleDataSource) db.dataSource()).getURL();
            Thread.sleep(1100);
            History.Cli health = History.run("health", "--apply-limit", "1", "--db-url", url, "--release", "config/release.yaml");
            assertThat(health.status()).isEqualTo(1);
            assertThat(health.out()).containsPattern("FAIL +agents +\\d live agent\\(s\\) have not applied the desired state within 1 s")
                    .contains("strategy-broken: live, NOT in sync", "last report FAILED exit 3");

            History.Cli rollback = History.run("rollback", "--reason", "broken agent", "--by", "bob", "--wait", "3",
                    "--db-url", url, "--release", "config/release.yaml");
            assertThat(rollback.status()).isEqualTo(1);
            assertThat(rollback.err()).contains("rollback NOT effective after 3 s", "strategy-broken",
                    "When an agent does not apply the baseline");
            // The env file does hold the baseline; only the apply command refuses it.
            Eventually.await("the baseline is written", LIMIT,
                    () -> AgentLoopTest.lines(env).equals(List.of("STRATEGY_MODE=quiet", "DYNAMIC_MODE_ENABLED=false")),
                    agent::log);
        }
    }

    private static JsonNode lastReport(TestServer server) {
        for (JsonNode agent : AgentLoopTest.call(server, "/api/agents").path("agents")) {
            if (agent.path("instance").asText().equals("strategy-broken")) {
                return agent.path("lastReport");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
