package io.graygate.service;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several clients push overlapping samples to {@code POST /api/samples} at once, each in its own shuffled
 * order and batches, through a real {@link ApiServer} on a free port. Nothing is lost and nothing is
 * stored twice: every push succeeds, the accepted counts add up to the distinct samples, every line is
 * accepted or a duplicate, and the table holds exactly the distinct samples.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class ConcurrentPushTest {
    private static final int CLIENTS = 4;
    private static final int SHARED = 6_000;
    private static final int OWN = 500;
    private static final int BATCH = 2_000;   // large batches: the inserts of concurrent pushes overlap
    private static final Instant START = Instant.parse("2025-05-01T00:00:00Z");  // in the past: pushes from the future are refused

    private static ApiServer server;
    private static Database db;

    @BeforeAll
    static void start(Database database) {
        db = database;
        List<ServiceToken> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            tokens.add(new ServiceToken("pusher-" + c, Role.INGEST, ServiceConfigLoader.sha256("secret-" + c)));
        }
        server = new ApiServer(new ServiceConfig("127.0.0.1", 0, tokens), ConfigLoader.load(Path.of("config/release.yaml")),
                db, Path.of("rules")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A sample line whose value follows from its key, so the same key pushed twice is a true duplicate. */
    private static String line(int n, String source) {
        return "{\"ts\":\"" + START.plusSeconds(60L * (n / 10)) + "\",\"metric\":\"activity\",\"value\":" + (n % 97) / 10.0
                + ",\"symbol\":\"SYM" + (n % 10) + "\",\"source\":\"" + source + "\"}";
    }

    private record Pushed(int lines, int status, JsonNode body) {
    }

    @Test
    void concurrentPushesOfOverlappingSamplesLoseNothingAndStoreEachOnce() throws Exception {
        Set<String> distinct = new HashSet<>();
        List<List<String>> perClient = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(c);
            List<String> lines = new ArrayList<>();
            for (int n = 0; n < SHARED; n++) {
                if (random.nextInt(10) < 8) {   // each client sends about 80% of the shared samples
                    lines.add(line(n, "shared"));
                }
            }
            for (int n = 0; n < OWN; n++) {
                lines.add(line(n, "client-" + c));
            }
            Collections.shuffle(lines, random);
            distinct.addAll(lines);
            perClient.add(lines);
        }

        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<Pushed>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(CompletableFuture.supplyAsync(() -> push(http, go, client, perClient.get(client)), pool));
        }
        go.countDown();
        List<Pushed> pushes = new ArrayList<>();
        for (CompletableFuture<List<Pushed>> client : clients) {
            pushes.addAll(client.get());
        }
        pool.shutdown();

        assertThat(pushes).allSatisfy(p -> assertThat(p.status()).as(p.body().toString()).isEqualTo(200));
        int sent = perClient.stream().mapToInt(List::size).sum();
        assertThat(pushes.stream().mapToInt(Pushed::lines).sum()).isEqualTo(sent);
        assertThat(sum(pushes, "accepted")).isEqualTo(distinct.size());
        assertThat(sum(pushes, "accepted") + sum(pushes, "duplicates")).isEqualTo(sent);
        assertThat(sum(pushes, "conflicts") + sum(pushes, "rejected")).isZero();
        long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sample s JOIN series se ON se.id = s.series_id "
                + "WHERE se.source = 'shared' OR se.source LIKE 'client-%'").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(distinct.size());
    }

    private static List<Pushed> push(HttpClient http, CountDownLatch go, int client, List<String> lines) {
        List<Pushed> results = new ArrayList<>();
        try {
            go.await();
            for (int from = 0; from < lines.size(); from += BATCH) {
                List<String> batch = lines.subList(from, Math.min(lines.size(), from + BATCH));
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/samples"))
                        .header("Authorization", "Bearer secret-" + client)
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", batch) + "\n")).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                results.add(new Pushed(batch.size(), response.statusCode(), Json.MAPPER.readTree(response.body())));
            }
        } catch (Exception e) {
            throw new IllegalStateException("client " + client + " failed", e);
        }
        return results;
    }

    private static int sum(List<Pushed> pushes, String field) {
        return pushes.stream().mapToInt(p -> p.body().path(field).asInt()).sum();
    }
}
