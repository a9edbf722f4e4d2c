package io.graygate.alerting;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.audit.Dataset;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.intake.Ingester;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alerts from stored evaluations to a real local HTTP receiver: the Slack and generic bodies, retries with
 * backoff, escalation by the clock, acknowledgement, and operators' rollbacks. No sleeping: the dispatcher's
 * clock is moved by hand and {@code runOnce()} is called explicitly.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("db")
class AlertDeliveryTest {
    private static final LocalDate CRASH_DAY = LocalDate.parse("2026-01-19");
    private static final URI LINKS = URI.create("http://graygate.example:8080/");

    private Jdbi jdbi;
    private ReleaseConfig release;
    private Receiver receiver;
    private AlertStore alerts;
    private EvaluateStage evaluator;

    @BeforeAll
    void setUp(Database db, @TempDir Path dir) throws Exception {
        jdbi = db.jdbi();
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        receiver = new Receiver();
        alerts = new AlertStore(jdbi);
        evaluator = new EvaluateStage(jdbi);
        List<String> lines = new ArrayList<>(Dataset.healthy(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-20")));
        lines.add(Dataset.eventLine(CRASH_DAY, "crash_count", 1));
        lines.add(Dataset.eventLine(CRASH_DAY, "param_update_latency_ms", 5000));
        Path file = dir.resolve("data.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        new Ingester(jdbi, release.catalogue()).ingestFile(file);
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    private AlertConfig config(int maxAttempts, Map<String, Channel> channels, List<EscalationLevel> levels) {
        return new AlertConfig(channels, levels, new DeliveryPolicy(maxAttempts, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(15)), new StaleDataPolicy(Duration.ZERO, List.of()), LINKS);
    }

    /** Level 0: Slack and generic at once; level 1: the lead after 15 minutes unacknowledged. */
    private AlertConfig oncallConfig() {
        return config(5, Map.of(
                        "oncall-slack", new Channel("oncall-slack", ChannelType.SLACK, receiver.url("/slack")),
                        "oncall-json", new Channel("oncall-json", ChannelType.GENERIC, receiver.url("/generic")),
                        "lead", new Channel("lead", ChannelType.GENERIC, receiver.url("/lead"))),
                List.of(new EscalationLevel(Duration.ZERO, List.of("oncall-slack", "oncall-json")),
                        new EscalationLevel(Duration.ofMinutes(15), List.of("lead"))));
    }

    private static List<JsonNode> bodiesAbout(List<Receiver.Request> requests, long alertId) {
        return requests.stream().map(Receiver.Request::body)
                .filter(b -> b.has("id") ? b.get("id").asLong() == alertId
                        : b.path("blocks").toString().contains("alert #" + alertId + " "))
                .toList();
    }

    private long alertOf(AlertKind kind, String releaseName) {
        return alerts.list(releaseName, false).stream().filter(a -> a.kind() == kind).findFirst().orElseThrow().id();
    }

    @Test
    @Order(1)
    void aRollbackEvaluationSendsOneSlackAndOneGenericMessageWithItsReasons() {
        Evaluation rollback = evaluator.evaluateAndStore(release, release.requireStage("gray_10pct"),
                RuleLoader.load(Path.of("rules")), CRASH_DAY, null, "test");
        assertThat(rollback.decision()).isEqualTo(Verdict.ROLLBACK);
        MovableClock clock = new MovableClock(Instant.now().plusSeconds(60));

        AlertDispatcher.Run run = new AlertDispatcher(jdbi, release.name(), oncallConfig(), clock, "test-1").runOnce();

        List<Alert> raised = alerts.list(release.name(), true);
        assertThat(raised).extracting(Alert::kind).contains(AlertKind.ROLLBACK_DECISION, AlertKind.CRITICAL_ALERT);
        assertThat(raised).allSatisfy(a -> assertThat(a.evaluationId()).isEqualTo(rollback.id()));
        assertThat(raised).filteredOn(a -> a.kind() == AlertKind.CRITICAL_ALERT).extracting(Alert::subject)
                .contains("PARAM_UPDATE_P99");
        assertThat(run.delivered()).isEqualTo(2 * raised.size());
        assertThat(receiver.requests("/slack")).hasSize(raised.size());
        assertThat(receiver.requests("/generic")).hasSize(raised.size());
        assertThat(receiver.requests("/lead")).isEmpty();

        long id = alertOf(AlertKind.ROLLBACK_DECISION, release.name());
        JsonNode slack = bodiesAbout(receiver.requests("/slack"), id).get(0);
        assertThat(slack.get("text").asText()).contains("[ROLLBACK_DECISION]", "ROLLBACK recommended for gray_10pct",
                "as of 2026-01-19", "evaluation #" + rollback.id());
        assertThat(slack.get("blocks")).hasSize(3);
        assertThat(slack.get("blocks").get(1).get("text").get("text").asText()).contains("crash");
        assertThat(slack.get("blocks").get(2).get("elements").get(0).get("text").asText())
                .contains("stage gray_10pct", "graygate alert ack " + id,
                        "<http://graygate.example:8080/api/evaluations/" + rollback.id() + "|evaluation>");

        List<JsonNode> generic = bodiesAbout(receiver.requests("/generic"), id);
        assertThat(generic).hasSize(1);
        JsonNode body = generic.get(0);
        assertThat(body.get("kind").asText()).isEqualTo("ROLLBACK_DECISION");
        assertThat(body.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(body.get("release").asText()).isEqualTo(release.name());
        assertThat(body.get("stage").asText()).isEqualTo("gray_10pct");
        assertThat(body.get("evaluationId").asLong()).isEqualTo(rollback.id());
        assertThat(body.get("reasons").toString()).contains("crash");
        assertThat(body.get("links").get("evaluation").asText())
                .isEqualTo("http://graygate.example:8080/api/evaluations/" + rollback.id());
        assertThat(receiver.requests("/generic")).allSatisfy(r -> assertThat(r.contentType()).startsWith("application/json"));
    }

    @Test
    @Order(2)
    void theSameConditionTheNextDayPagesNoOneAgainWhileTheAlertIsOpen() {
        int before = alerts.list(release.name(), false).size();
        Evaluation again = evaluator.evaluateAndStore(release, release.requireStage("gray_10pct"),
                RuleLoader.load(Path.of("rules")), CRASH_DAY.plusDays(1), null, "test");

        assertThat(again.decision()).isEqualTo(Verdict.ROLLBACK);
        assertThat(alerts.list(release.name(), false)).hasSize(before);
    }

    @Test
    @Order(3)
    void unacknowledgedPastTheDelayEscalatesToTheNextLevelAndAcknowledgedDoesNot() {
        long rollbackAlert = alertOf(AlertKind.ROLLBACK_DECISION, release.name());
        long criticalAlert = alertOf(AlertKind.CRITICAL_ALERT, release.name());
        alerts.ack(criticalAlert, "alice", "looking at the P99", Instant.now());
        MovableClock clock = new MovableClock(Instant.now().plusSeconds(60));
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, release.name(), oncallConfig(), clock, "test-1");

        assertThat(dispatcher.runOnce().attempts()).isZero();
        assertThat(receiver.requests("/lead")).isEmpty();
        clock.advance(Duration.ofMinutes(16));
        dispatcher.runOnce();

        assertThat(receiver.requests("/lead")).extracting(r -> r.body().get("id").asLong()).containsExactly(rollbackAlert);
        assertThat(receiver.requests("/lead").get(0).body().get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(alerts.notifications(criticalAlert)).extracting(Notification::level).containsOnly(0);
        assertThat(alerts.find(criticalAlert).orElseThrow().state()).isEqualTo("ACKED");
        assertThat(alerts.find(criticalAlert).orElseThrow().ack().by()).isEqualTo("alice");

        clock.advance(Duration.ofHours(1));
        dispatcher.runOnce();
        assertThat(receiver.requests("/lead")).hasSize(1);
    }

    @Test
    @Order(4)
    void aSecondAcknowledgementIsRefusedNamingTheFirst() {
        long criticalAlert = alertOf(AlertKind.CRITICAL_ALERT, release.name());

        assertThatThrownBy(() -> alerts.ack(criticalAlert, "bob", "", Instant.now()))
                .isInstanceOf(AlertException.class).hasMessageContaining("already acknowledged by alice");
        assertThatThrownBy(() -> alerts.ack(999_999, "bob", "", Instant.now()))
                .isInstanceOf(AlertException.class).hasMessageContaining("no alert #999999");
    }

    @Test
    @Order(5)
    void aReceiverFailingTwiceGetsThreeRecordedAttemptsWithBackoffThenTheMessage() {
        String releaseName = "retry-test";
        long id = jdbi.inTransaction(h -> AlertStore.insert(h, new NewAlert(releaseName, AlertKind.CRITICAL_ALERT,
                Severity.CRITICAL, "gray_10pct", null, null, "CPU", "critical alert: CPU", List.of("CPU 80%"), true,
                Instant.parse("2026-11-01T10:00:00Z"))));
        receiver.answer("/flaky", 500, 500);
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T10:00:05Z"));
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, releaseName, config(5,
                Map.of("flaky", new Channel("flaky", ChannelType.GENERIC, receiver.url("/flaky"))),
                List.of(new EscalationLevel(Duration.ZERO, List.of("flaky")))), clock, "test-1");

        assertThat(dispatcher.runOnce().delivered()).isZero();
        assertThat(dispatcher.runOnce().attempts()).as("backoff not over").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.runOnce().delivered()).isZero();
        clock.advance(Duration.ofSeconds(59));
        assertThat(dispatcher.runOnce().attempts()).as("second backoff is 60 s").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.runOnce().delivered()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.runOnce().attempts()).isZero();

        assertThat(receiver.requests("/flaky")).hasSize(3);
        Notification n = alerts.notifications(id).get(0);
        assertThat(n.state()).isEqualTo("DELIVERED");
        assertThat(n.attempts()).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500, 200);
        assertThat(n.attempts()).extracting(DeliveryAttempt::delivered).containsExactly(false, false, true);
        assertThat(n.attempts().get(0).error()).contains("HTTP 500", "receiver says no");
        assertThat(n.attempts()).extracting(DeliveryAttempt::nextAttemptAt).containsExactly(
                Instant.parse("2026-11-01T10:00:35Z"), Instant.parse("2026-11-01T10:01:35Z"), null);
    }

    @Test
    @Order(6)
    void aReceiverThatNeverAnswersIsGivenUpAfterTheLastAttemptWithTheErrorRecorded() throws Exception {
        String releaseName = "dead-test";
        URI dead;
        try (Receiver gone = new Receiver()) {
            dead = gone.url("/gone");
        }
        long id = jdbi.inTransaction(h -> AlertStore.insert(h, new NewAlert(releaseName, AlertKind.ROLLBACK_DECISION,
                Severity.CRITICAL, "gray_10pct", null, null, "", "ROLLBACK", List.of(), true, Instant.parse("2026-11-01T10:00:00Z"))));
        MovableClock clock = new MovableClock(Instant.parse("2026-11-01T10:00:00Z"));
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, releaseName, config(2,
                Map.of("dead", new Channel("dead", ChannelType.SLACK, dead)),
                List.of(new EscalationLevel(Duration.ZERO, List.of("dead")))), clock, "test-1");

        dispatcher.runOnce();
        clock.advance(Duration.ofMinutes(5));
        dispatcher.runOnce();
        clock.advance(Duration.ofMinutes(5));
        assertThat(dispatcher.runOnce().attempts()).isZero();

        Notification n = alerts.notifications(id).get(0);
        assertThat(n.state()).isEqualTo("GAVE_UP");
        assertThat(n.attempts()).hasSize(2).allSatisfy(a -> {
            assertThat(a.statusCode()).isNull();
            assertThat(a.error()).contains("ConnectException");
        });
    }

    @Test
    @Order(7)
    void anOperatorsRollbackIsToldToTheFirstLevelAndNotEscalated() {
        Lifecycle.standard(release, new ReleaseStore(jdbi), Path.of("rules")).rollback("carol", "desk sees odd fills");
        MovableClock clock = new MovableClock(Instant.now().plusSeconds(5));
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, release.name(), oncallConfig(), clock, "test-1");
        int slackBefore = receiver.requests("/slack").size();
        int leadBefore = receiver.requests("/lead").size();

        assertThat(dispatcher.runOnce().raised()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(30));
        assertThat(dispatcher.runOnce().raised()).isZero();

        long id = alertOf(AlertKind.OPERATOR_ROLLBACK, release.name());
        assertThat(receiver.requests("/slack")).hasSize(slackBefore + 1);
        assertThat(bodiesAbout(receiver.requests("/slack"), id)).singleElement()
                .satisfies(b -> assertThat(b.get("text").asText()).contains("rolled back to baseline by carol"));
        assertThat(bodiesAbout(receiver.requests("/generic"), id)).singleElement()
                .satisfies(b -> {
                    assertThat(b.get("reasons").get(0).asText()).isEqualTo("desk sees odd fills");
                    assertThat(b.get("evaluationId").isNull()).isTrue();
                    assertThat(b.get("links").has("evaluation")).isFalse();
                });
        assertThat(receiver.requests("/lead")).hasSize(leadBefore);
    }

    @Test
    @Order(8)
    void acknowledgingStopsTheRetriesOfAFailingNotification() {
        String releaseName = "ack-stops-retries";
        Instant raisedAt = Instant.parse("2026-11-01T10:00:00Z");
        long id = jdbi.inTransaction(h -> AlertStore.insert(h, new NewAlert(releaseName, AlertKind.CRITICAL_ALERT,
                Severity.CRITICAL, "gray_10pct", null, null, "CPU", "critical alert: CPU", List.of(), true, raisedAt)));
        receiver.answer("/down", 503, 503, 503);
        MovableClock clock = new MovableClock(raisedAt);
        AlertDispatcher dispatcher = new AlertDispatcher(jdbi, releaseName, config(5,
                Map.of("down", new Channel("down", ChannelType.GENERIC, receiver.url("/down"))),
                List.of(new EscalationLevel(Duration.ZERO, List.of("down")))), clock, "test-1");

        assertThat(dispatcher.runOnce().attempts()).isEqualTo(1);
        alerts.ack(id, "gina", "", clock.instant());
        clock.advance(Duration.ofMinutes(10));

        assertThat(dispatcher.runOnce().attempts()).isZero();
        assertThat(receiver.requests("/down")).hasSize(1);
        Notification n = alerts.notifications(id).get(0);
        assertThat(n.attempts()).hasSize(1);
        assertThat(n.state()).isEqualTo("RETRYING");
        assertThat(n.state(alerts.find(id).orElseThrow())).isEqualTo("STOPPED");
    }
}
