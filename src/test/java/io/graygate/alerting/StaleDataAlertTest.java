package io.graygate.alerting;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.intake.Ingester;
import io.graygate.intake.InputFormat;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A watched metric without a fresh sample raises one STALE_DATA alert per episode; fresh data ends it. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class StaleDataAlertTest {

    private static void sample(Jdbi jdbi, ReleaseConfig release, Instant at) {
        String csv = "ts,metric,value,symbol,source\n" + at + ",uptime_ratio,1.0,,stale-test\n";
        new Ingester(jdbi, release.catalogue()).ingest("stale-test", InputFormat.CSV,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Alert> stale(AlertStore alerts, String subject) {
        return alerts.list("stale-release", false).stream()
                .filter(a -> a.kind() == AlertKind.STALE_DATA && a.subject().equals(subject)).toList();
    }

    @Test
    void oneAlertPerEpisodeAcknowledgedOrNotAndANewOneAfterFreshDataWentStaleAgain(Database db) throws Exception {
        Jdbi jdbi = db.jdbi();
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        AlertStore alerts = new AlertStore(jdbi);
        MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
        sample(jdbi, release, Instant.parse("2026-03-01T11:00:00Z"));
        try (Receiver receiver = new Receiver()) {
            AlertConfig config = new AlertConfig(
                    Map.of("ops", new Channel("ops", ChannelType.GENERIC, receiver.url("/ops"))),
                    List.of(new EscalationLevel(Duration.ZERO, List.of("ops"))),
                    new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15)),
                    new StaleDataPolicy(Duration.ofHours(2), List.of("uptime_ratio", "cpu_ratio")), URI.create("http://gg:8080"));
            AlertDispatcher dispatcher = new AlertDispatcher(jdbi, "stale-release", config, clock, "test");

            dispatcher.runOnce();
            assertThat(stale(alerts, "uptime_ratio")).as("1 h old is fresh").isEmpty();
            assertThat(stale(alerts, "cpu_ratio")).singleElement()
                    .satisfies(a -> assertThat(a.reasons().get(0)).contains("no sample at all"));

            clock.advance(Duration.ofMinutes(90));
            dispatcher.runOnce();
            clock.advance(Duration.ofMinutes(30));
            dispatcher.runOnce();
            List<Alert> episode = stale(alerts, "uptime_ratio");
            assertThat(episode).singleElement().satisfies(a -> {
                assertThat(a.summary()).contains("uptime_ratio", "120 min");
                assertThat(a.reasons().get(0)).contains("newest sample 2026-03-01T11:00:00Z");
                assertThat(a.state()).isEqualTo("OPEN");
            });
            long first = episode.get(0).id();
            alerts.ack(first, "dave", "feed restarting", clock.instant());
            clock.advance(Duration.ofHours(1));
            dispatcher.runOnce();
            assertThat(stale(alerts, "uptime_ratio")).as("acknowledged episode still going").hasSize(1);

            sample(jdbi, release, clock.instant());
            clock.advance(Duration.ofMinutes(10));
            dispatcher.runOnce();
            assertThat(alerts.find(first).orElseThrow().clearedAt()).isEqualTo(clock.instant());
            assertThat(stale(alerts, "uptime_ratio")).hasSize(1);

            clock.advance(Duration.ofHours(3));
            dispatcher.runOnce();
            assertThat(stale(alerts, "uptime_ratio")).hasSize(2).first().satisfies(a -> assertThat(a.state()).isEqualTo("OPEN"));
            assertThat(stale(alerts, "cpu_ratio")).hasSize(1);
            assertThat(receiver.requests("/ops")).extracting(r -> r.body().get("kind").asText()).containsOnly("STALE_DATA")
                    .hasSize(3);
        }
    }
}
