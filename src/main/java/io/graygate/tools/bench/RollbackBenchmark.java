package io.graygate.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.service.ApiServer;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.release.Lifecycle;
import io.graygate.release.Phase;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import io.graygate.tools.agent.Agent;
import io.graygate.tools.agent.AgentSettings;
import io.graygate.tools.agent.ApplyCommand;
import io.graygate.tools.agent.EnvFile;
import io.graygate.tools.agent.ServiceClient;
import io.graygate.platform.Database;
import io.graygate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rollback as the trading system sees it, with AGENTS {@code graygate agent}s (in this JVM, on threads, over real
 * HTTP, each with an env file of its own and the apply command {@code true} run as a real process): an {@link ApiServer} on a free port over the bench database, then
 * RUNS times stage 1 is started (untimed, waited for over HTTP) and rolled back through
 * {@link Lifecycle#rollback}, the code {@code graygate rollback} runs, and {@code GET /api/state} is polled
 * until every symbol is at baseline. Works on a scratch release so that no real release is touched.
 */
public final class RollbackBenchmark {
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final Database db;
    private final ReleaseConfig release;
    private final Path rulesDir;

    public RollbackBenchmark(Database db, ReleaseConfig release, Path rulesDir) {
        this.db = db;
        this.release = release;
        this.rulesDir = rulesDir;
    }

    /** Nanoseconds per rollback: the INSERT returning, and until an HTTP reader saw the baseline. */
    public record Result(String scratchRelease, int port, long[] commandNanos, long[] visibleNanos, long polls,
                         long rollbacksStored, int agents, long[] effectiveNanos) {
        /** The p-quantile (0..1, nearest rank) of sorted nanoseconds, in milliseconds. */
        public static double millis(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    public Result run(int runs) throws IOException, InterruptedException {
        return run(runs, 0);
    }

    /**
     * With {@code agents} agents, each run also waits (as {@code graygate rollback --wait} does) until every agent
     * reported the baseline applied: command to effective, apply command included.
     */
    public Result run(int runs, int agents) throws IOException, InterruptedException {
        String scratch = "bench-rollback-" + UUID.randomUUID().toString().substring(0, 8);
        ReleaseConfig copy = new ReleaseConfig(release.file(), scratch, release.universe(), release.stages(),
                release.catalogue(), release.minDayCoverage());
        String secret = UUID.randomUUID().toString();
        String agentSecret = UUID.randomUUID().toString();
        ServiceConfig service = new ServiceConfig("127.0.0.1", 0,
                List.of(new ServiceToken("bench-viewer", Role.VIEWER, ServiceConfigLoader.sha256(secret)),
                        new ServiceToken("bench-agents", Role.AGENT, ServiceConfigLoader.sha256(agentSecret))));
        Fleet fleet = new Fleet(copy, db.jdbi(), AgentPolicy.DEFAULT, Clock.systemUTC());
        long[] effective = new long[agents == 0 ? 0 : runs];
        ReleaseStore store = new ReleaseStore(db.jdbi());
        Lifecycle operator = Lifecycle.standard(copy, store, rulesDir);
        // Restarting stage 1 after each rollback is set-up, not the measured path: no entry checks for it.
        Lifecycle restarter = Lifecycle.drill(copy, store);
        String stage1 = copy.stages().get(0).name();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long[] command = new long[runs];
        long[] visible = new long[runs];
        long polls = 0;
        int port;
        Path envDir = Files.createTempDirectory("graygate-bench-agents-");
        List<Thread> threads = new ArrayList<>();
        try (ApiServer server = new ApiServer(service, copy, db, rulesDir).start("127.0.0.1", 0)) {
            port = server.port();
            for (int a = 0; a < agents; a++) {
                threads.add(startAgent(URI.create("http://127.0.0.1:" + port), agentSecret, "bench-agent-" + a,
                        envDir.resolve("bench-agent-" + a + ".env"), copy.universe()));
            }
            HttpRequest state = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/state"))
                    .header("Authorization", "Bearer " + secret).timeout(Duration.ofSeconds(30)).GET().build();
            for (int i = 0; i < runs; i++) {
                restarter.startStage(stage1, "bench", "bench rollback: stage 1 again");
                waitFor(http, state, Phase.STAGE_RUNNING);
                awaitAgentsOnStage(fleet, agents);
                long started = System.nanoTime();
                ReleaseEvent event = operator.rollback("bench", "bench rollback " + (i + 1) + " of " + runs);
                command[i] = System.nanoTime() - started;
                polls += waitFor(http, state, Phase.ROLLED_BACK);
                visible[i] = System.nanoTime() - started;
                if (agents > 0) {
                    Fleet.Effective done = fleet.awaitBaseline(event, GIVE_UP);
                    effective[i] = System.nanoTime() - started;
                    if (!done.effective() || done.applied().size() != agents) {
                        throw new IllegalStateException("rollback " + (i + 1) + " not effective within " + GIVE_UP + ": "
                                + done.missing().stream().map(AgentStatus::describe).toList());
                    }
                }
            }
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(5000);
            }
            try (var files = Files.list(envDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(envDir);
        }
        long stored = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM release_event WHERE release = :release AND kind = 'ROLLED_BACK'")
                .bind("release", scratch).mapTo(Long.class).one());
        Arrays.sort(command);
        Arrays.sort(visible);
        Arrays.sort(effective);
        return new Result(scratch, port, command, visible, polls, stored, agents, effective);
    }

    /** One agent on a thread of its own, following the whole universe, applying with {@code true}. */
    private static Thread startAgent(URI service, String secret, String name, Path envFile, List<String> symbols) {
        AgentSettings settings = new AgentSettings(name, symbols, new EnvFile(envFile),
                Optional.of(new ApplyCommand(List.of("true"), Duration.ofSeconds(30))), Duration.ofMinutes(10),
                AgentPolicy.LONG_POLL, Duration.ofSeconds(1));
        Thread thread = new Thread(new Agent(settings, new ServiceClient(service, secret), line -> { }), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Set-up, untimed: every agent applied the restarted stage, so that the rollback changes each one's state. */
    private static void awaitAgentsOnStage(Fleet fleet, int agents) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (agents > 0) {
            List<AgentStatus> statuses = fleet.statuses();
            if (statuses.size() == agents && statuses.stream().allMatch(s -> s.inSync() && !s.desiredBaseline())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agents did not apply stage 1 within " + GIVE_UP + ": "
                        + statuses.stream().map(AgentStatus::describe).toList());
            }
            Thread.sleep(10);
        }
    }

    /** Polls until the API shows the phase (and, for a rollback, every symbol at baseline); returns polls. */
    private static long waitFor(HttpClient http, HttpRequest request, Phase phase) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (long polls = 1; ; polls++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/state answered " + response.statusCode() + ": " + response.body());
            }
            if (shows(Json.MAPPER.readTree(response.body()), phase)) {
                return polls;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GET /api/state did not show " + phase + " within " + GIVE_UP);
            }
        }
    }

    private static boolean shows(JsonNode state, Phase phase) {
        if (!phase.name().equals(state.path("phase").asText())) {
            return false;
        }
        if (phase != Phase.ROLLED_BACK) {
            return true;
        }
        for (JsonNode symbol : state.path("symbols")) {
            if (symbol.path("dynamicModeEnabled").asBoolean(true)) {
                return false;
            }
        }
        return true;
    }
}
