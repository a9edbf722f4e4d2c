package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.release.problems.ProblemRecorder;
import io.graygate.release.Releases;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hand-run evaluations ({@code graygate evaluate}) of the same stage and day at once: unlike scheduled
 * ones (one per day, see ScheduledEvaluationsTest) both are stored, and their writes interleave without
 * harm: the audit chain has no gap and verifies, and the problem their rollback votes raise is opened once
 * and seen by both. Both are decided first and then stored from two threads released together, so their
 * transactions overlap as much as they can.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class ConcurrentEvaluationsTest {
    private static Jdbi jdbi;
    private static RuleSet rules;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        rules = RuleLoader.load(Path.of("rules"));
        History.ingest(jdbi, dir);
    }

    @Test
    void twoHandRunEvaluationsAtOnceAreBothStoredAndTheChainAndProblemLogStayIntact() throws Exception {
        // A release of its own per round: its problems are new, so both transactions look for them at once.
        // (The first round also races to store the rule set, which makes the second wait for the first.)
        for (LocalDate day : List.of(History.CRASH_DAY, History.CRASH_DAY.plusDays(1), History.CRASH_DAY)) {
            storeTwoAtOnce(Releases.fresh(), day);
        }

        assertThat(count("SELECT count(*) FROM evaluation")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM audit_chain WHERE entity = 'evaluation'")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM audit_chain WHERE entity = 'ruleset'")).isEqualTo(1);
        ChainVerification chain = new AuditChain(jdbi).verify();
        assertThat(chain.intact()).as(String.valueOf(chain.firstBreak())).isTrue();
        // every table an evaluation writes is chained now (problems, sightings, alerts, streaks), so the chain is
        // as long as the links stored, no gap; the evaluations and the rule set are 7 of them
        assertThat(chain.length()).isEqualTo(count("SELECT count(*) FROM audit_chain")).isGreaterThan(7);
        assertThat(count("SELECT count(*) FROM problem")).as("problems opened by rollback votes").isPositive();
        assertThat(count("SELECT count(*) FROM (SELECT release, stage, code, symbol, metric, severity FROM problem "
                + "GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1) twice")).as("the same open problem opened twice").isZero();
        assertThat(count("SELECT count(*) FROM problem p WHERE (SELECT count(DISTINCT evaluation_id) FROM problem_sighting s "
                + "WHERE s.problem_id = p.id) < 2")).as("problems not seen by both evaluations of a day").isZero();
    }

    private static void storeTwoAtOnce(ReleaseConfig release, LocalDate day) throws Exception {
        EvaluateStage evaluator = new EvaluateStage(jdbi);
        List<Evaluation> decided = List.of(
                evaluator.evaluate(release, release.requireStage("gray_10pct"), rules, day, null),
                evaluator.evaluate(release, release.requireStage("gray_10pct"), rules, day, null));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Evaluation>> stores = new ArrayList<>();
        for (Evaluation evaluation : decided) {
            stores.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return new EvaluateStage(jdbi).store(evaluation, rules, "cli:evaluate");
            }));
        }
        go.countDown();
        for (CompletableFuture<Evaluation> store : stores) {
            assertThat(store.get().id()).isNotNull();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
