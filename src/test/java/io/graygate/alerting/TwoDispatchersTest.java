package io.graygate.alerting;

import org.junit.jupiter.api.Tag;
import io.graygate.facts.Severity;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances on one database: every notification reaches the receiver exactly once. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class TwoDispatchersTest {
    private static final int ALERTS = 12;

    @RepeatedTest(3)
    void twoDispatchersRacingDeliverEachNotificationOnce(Database db) throws Exception {
        Jdbi jdbi = db.jdbi();
        String release = "race-" + System.nanoTime();
        Instant raised = Instant.parse("2026-11-01T10:00:00Z");
        List<Long> ids = LongStream.range(0, ALERTS).mapToObj(i -> jdbi.inTransaction(h -> AlertStore.insert(h,
                new NewAlert(release, AlertKind.CRITICAL_ALERT, Severity.CRITICAL, "gray_10pct", null, null, "C" + i,
                        "critical " + i, List.of(), true, raised))).longValue()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Receiver receiver = new Receiver()) {
            receiver.delay(20);
            AlertConfig config = new AlertConfig(
                    Map.of("ops", new Channel("ops", ChannelType.GENERIC, receiver.url("/ops"))),
                    List.of(new EscalationLevel(Duration.ZERO, List.of("ops"))),
                    new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15)),
                    new StaleDataPolicy(Duration.ZERO, List.of()), URI.create("http://gg:8080"));
            MovableClock clock = new MovableClock(raised.plusSeconds(1));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AlertDispatcher.Run>> runs = List.of("instance-a", "instance-b").stream()
                    .map(name -> new AlertDispatcher(jdbi, release, config, clock, name))
                    .map(d -> pool.submit(() -> {
                        go.await();
                        return d.runOnce();
                    })).toList();
            go.countDown();
            int delivered = 0;
            for (Future<AlertDispatcher.Run> run : runs) {
                delivered += run.get().delivered();
            }

            Map<Long, Long> postsPerAlert = receiver.requests("/ops").stream()
                    .collect(Collectors.groupingBy(r -> r.body().get("id").asLong(), Collectors.counting()));
            assertThat(postsPerAlert.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(postsPerAlert.values()).containsOnly(1L);
            assertThat(delivered).isEqualTo(ALERTS);
            long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM alert_delivery d "
                            + "JOIN alert_notification n ON n.id = d.notification_id JOIN alert a ON a.id = n.alert_id "
                            + "WHERE a.release = :release").bind("release", release).mapTo(Long.class).one());
            assertThat(rows).isEqualTo(ALERTS);
        } finally {
            pool.shutdownNow();
        }
    }
}
