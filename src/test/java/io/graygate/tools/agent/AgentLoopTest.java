package io.graygate.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.service.TestServer;
import io.graygate.audit.AuditChain;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.Lifecycle;
import io.graygate.release.Membership;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop with real processes on loopback: {@code graygate serve}'s API in this JVM, three
 * {@code graygate agent} JVMs (one symbol each, apply command {@code true}); they follow a stage start, then
 * {@code graygate rollback --wait 30} returns only when every env file holds the baseline.
 */
@ExtendWith(TestDatabase.class)
class AgentLoopTest {
    static final String AGENT_SECRET = "agent-secret";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void threeAgentsFollowAStageStartAndARollback(Database db, @TempDir Path dir) throws Exception {
        ReleaseConfig release = History.release();
        ReleaseStore store = new ReleaseStore(db.jdbi());
        // Each instance trades stage 1's member and one symbol of its own outside the stage.
        String member = new Membership(release).members(1).stream().sorted().findFirst().orElseThrow();
        List<String> others = release.universe().stream().filter(s -> !new Membership(release).members(1).contains(s))
                .limit(3).toList();
        List<Path> envFiles = new ArrayList<>();
        List<AgentProcess> agents = new ArrayList<>();
        try (TestServer server = new TestServer(db, release)) {
            for (int i = 0; i < 3; i++) {
                Path env = dir.resolve("strategy-" + i + ".env");
                envFiles.add(env);
                agents.add(AgentProcess.start(dir, AGENT_SECRET, "--service-url", server.url(""), "--instance", "strategy-" + i,
                        "--env-file", env.toString(), "--symbols", member + "," + others.get(i), "--apply-command", "true"));
            }
            awaitInSync(server, agents, 3);
            for (int i = 0; i < 3; i++) {
                assertThat(Files.readAllLines(envFiles.get(i))).containsExactlyElementsOf(baseline(member, others.get(i)));
            }

            Releases.stateReadiness(store, release);
            Lifecycle.standard(release, store, Releases.RULES).startStage("gray_10pct", "alice", "agents test");
            Eventually.await("every env file holds stage 1", LIMIT,
                    () -> envFiles.stream().allMatch(f -> read(f).contains(member + "_DYNAMIC_MODE_ENABLED=true")),
                    () -> logs(agents));
            awaitInSync(server, agents, 3);
            for (int i = 0; i < 3; i++) {
                String m = member + "_";
                assertThat(Files.readAllLines(envFiles.get(i))).contains(m + "STRATEGY_MODE=quiet", m + "DYNAMIC_MODE_ENABLED=true",
                        m + "MIN_ACTIVE_WINDOWS=5", m + "MIN_QUIET_WINDOWS=10", m + "ACTIVE_THRESHOLD=0.6",
                        m + "THROTTLE_IN_QUIET=false", others.get(i) + "_DYNAMIC_MODE_ENABLED=false");
            }
            // What each agent reported applied is the SHA-256 of the file it wrote, and the service stored it.
            JsonNode state = server.call("GET", "/api/state", "viewer-secret", null).json();
            for (JsonNode agent : state.path("agents")) {
                int i = Integer.parseInt(agent.path("instance").asText().substring("strategy-".length()));
                assertThat(agent.path("appliedHash").asText()).isEqualTo(sha256(envFiles.get(i)));
                assertThat(agent.path("lastReport").path("result").asText()).isEqualTo("APPLIED");
                assertThat(agent.path("lastReport").path("exitCode").asInt()).isZero();
            }

            String url = ((PGSimpleDataSource) db.dataSource()).getURL();
            History.Cli rollback = History.run("rollback", "--reason", "agents test", "--by", "bob", "--wait", "30",
                    "--db-url", url, "--release", "config/release.yaml");
            // The moment the command returns, every env file already holds the baseline.
            List<List<String>> afterRollback = envFiles.stream().map(AgentLoopTest::lines).toList();
            assertThat(rollback.status()).as(rollback.err() + logs(agents)).isZero();
            assertThat(rollback.out()).contains("rollback effective after ", "3 live agent(s) applied the baseline",
                    "strategy-0", "strategy-1", "strategy-2");
            for (int i = 0; i < 3; i++) {
                assertThat(afterRollback.get(i)).containsExactlyElementsOf(baseline(member, others.get(i)));
            }

            long reports = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM agent_report WHERE result = 'APPLIED'")
                    .mapTo(Long.class).one());
            assertThat(reports).isEqualTo(9);   // baseline at start, stage 1, baseline again: three each
            assertThat(new AuditChain(db.jdbi()).verify().intact()).isTrue();
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }

    static void awaitInSync(TestServer server, List<AgentProcess> agents, int count) throws InterruptedException {
        Eventually.await(count + " agents in sync", LIMIT, () -> {
            JsonNode list = call(server, "/api/agents").path("agents");
            int inSync = 0;
            for (JsonNode a : list) {
                inSync += a.path("inSync").asBoolean() ? 1 : 0;
            }
            return inSync == count;
        }, () -> call(server, "/api/agents").toPrettyString() + logs(agents));
    }

    /** The baseline env file of an instance trading these two symbols. */
    static List<String> baseline(String first, String second) {
        return List.of(first + "_STRATEGY_MODE=quiet", first + "_DYNAMIC_MODE_ENABLED=false",
                second + "_STRATEGY_MODE=quiet", second + "_DYNAMIC_MODE_ENABLED=false");
    }

    static JsonNode call(TestServer server, String path) {
        try {
            return server.call("GET", path, "viewer-secret", null).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String logs(List<AgentProcess> agents) {
        StringBuilder text = new StringBuilder();
        agents.forEach(a -> text.append("\n--- agent log ---\n").append(a.log()));
        return text.toString();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
