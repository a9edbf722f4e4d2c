package io.graygate.service.schedule;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.release.Releases;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled evaluations: one stored evaluation per (release, stage, day), however many instances run it. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class ScheduledEvaluationsTest {
    private static final LocalDate DAY = LocalDate.parse("2026-02-03");
    private static Jdbi jdbi;
    private static RuleSet rules;

    @BeforeAll
    static void setUp(Database db) {
        jdbi = db.jdbi();
        rules = RuleLoader.load(Path.of("rules"));
    }

    private static int count(String sql, String release) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("release", release).mapTo(Integer.class).one());
    }

    @Test
    void twoInstancesStoringTheSameDayAtOnceLeaveOneEvaluation() throws Exception {
        ReleaseConfig release = Releases.fresh();
        StageConfig stage = release.stages().get(0);
        EvaluateStage evaluator = new EvaluateStage(jdbi);
        Evaluation a = evaluator.evaluate(release, stage, rules, DAY, null);
        Evaluation b = evaluator.evaluate(release, stage, rules, DAY, null);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<Optional<Evaluation>> first = CompletableFuture.supplyAsync(() -> await(go,
                () -> new ScheduledEvaluations(jdbi, "instance-a").store(a, rules)));
        CompletableFuture<Optional<Evaluation>> second = CompletableFuture.supplyAsync(() -> await(go,
                () -> new ScheduledEvaluations(jdbi, "instance-b").store(b, rules)));
        go.countDown();

        List<Optional<Evaluation>> results = List.of(first.get(), second.get());
        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(count("SELECT count(*) FROM evaluation WHERE release = :release", release.name())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM scheduled_evaluation WHERE release = :release", release.name())).isEqualTo(1);
    }

    @Test
    void aSecondScheduledRunOfTheDayStoresNothingButHandRunsStayFree() {
        ReleaseConfig release = Releases.fresh();
        StageConfig stage = release.stages().get(0);
        ScheduledEvaluations scheduled = new ScheduledEvaluations(jdbi, "instance-a");

        assertThat(scheduled.run(release, stage, rules, DAY, null)).isPresent();
        assertThat(scheduled.run(release, stage, rules, DAY, null)).isEmpty();
        new EvaluateStage(jdbi).evaluateAndStore(release, stage, rules, DAY, null, "analyst re-run");

        assertThat(count("SELECT count(*) FROM evaluation WHERE release = :release", release.name())).isEqualTo(2);
        assertThat(scheduled.done(release.name(), stage.name(), DAY)).isTrue();
    }

    private static <T> T await(CountDownLatch latch, java.util.function.Supplier<T> action) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
