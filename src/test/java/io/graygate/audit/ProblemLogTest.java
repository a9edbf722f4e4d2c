package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.release.statements.AttestationStore;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.facts.Attestation;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.intake.Ingester;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The problem log on real evaluations: a crash on 2026-01-19 (see {@link Dataset}) opens a critical problem
 * when the evaluation is stored; while it is open even a healthy window holds; its solution lets it advance.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("db")
class ProblemLogTest {
    private static final LocalDate HEALTHY = LocalDate.parse("2026-01-12");

    private Database db;
    private ReleaseConfig release;
    private StageConfig stage;
    private RuleSet rules;
    private EvaluateStage evaluator;
    private ProblemStore problems;

    @BeforeAll
    void setUp(Database db, @TempDir Path dir) throws Exception {
        this.db = db;
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        stage = release.requireStage("gray_10pct");
        rules = RuleLoader.load(Path.of("rules"));
        evaluator = new EvaluateStage(db.jdbi());
        problems = new ProblemStore(db.jdbi());
        List<String> lines = new ArrayList<>(Dataset.healthy(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-20")));
        lines.add(Dataset.eventLine(LocalDate.parse("2026-01-19"), "crash_count", 1));
        Path file = dir.resolve("data.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        new Ingester(db.jdbi(), release.catalogue()).ingestFile(file);
    }

    private Evaluation evaluate(LocalDate asOf) {
        return evaluator.evaluateAndStore(release, stage, rules, asOf, null, "test");
    }

    @Test
    @Order(1)
    void healthyWindowAdvancesAndOpensNoProblem() {
        // the day before first: ADVANCE needs two healthy evaluations in a row (gate.min_consecutive_passes)
        assertThat(evaluate(HEALTHY.minusDays(1)).decision()).isEqualTo(Verdict.HOLD);
        assertThat(evaluate(HEALTHY).decision()).isEqualTo(Verdict.ADVANCE);
        assertThat(problems.list(release.name(), false)).isEmpty();
    }

    @Test
    @Order(2)
    void rollbackTriggerOpensOneProblemThatLaterEvaluationsSeeAgain() {
        Evaluation first = evaluate(LocalDate.parse("2026-01-19"));
        Evaluation again = evaluate(LocalDate.parse("2026-01-20"));

        assertThat(first.decision()).isEqualTo(Verdict.ROLLBACK);
        assertThat(again.decision()).isEqualTo(Verdict.ROLLBACK);
        List<Problem> crash = problems.list(release.name(), true).stream().filter(p -> p.code().equals("CRASH")).toList();
        assertThat(crash).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(p.origin()).isEqualTo("rollback");
            assertThat(p.stage()).isEqualTo("gray_10pct");
            assertThat(p.metric()).isEqualTo("crash_count");
            assertThat(p.firstSeen()).isEqualTo(LocalDate.parse("2026-01-19"));
            assertThat(p.lastSeen()).isEqualTo(LocalDate.parse("2026-01-20"));
            assertThat(p.sightings()).isEqualTo(2);
            assertThat(p.openedBy()).contains("evaluation #" + first.id(), "Any stage: crash");
        });
        assertThat(problems.seenBy(again.id())).extracting(Problem::code).contains("CRASH");
    }

    @Test
    @Order(3)
    void anUnresolvedCriticalProblemHoldsAHealthyWindow() {
        Evaluation held = evaluate(HEALTHY);

        assertThat(held.decision()).isEqualTo(Verdict.HOLD);
        assertThat(held.reasons()).extracting(v -> v.vote().code()).containsOnly("UNRESOLVED_CRITICAL_PROBLEM");
        assertThat(held.reasons()).extracting(v -> v.rule()).containsOnly("Any stage: unresolved critical problem");
    }

    @Test
    @Order(4)
    void resolvingTheProblemsFromTheCommandLineLetsTheStageAdvance() {
        for (Problem p : problems.list(release.name(), true)) {
            CliRun run = cli("problem", "resolve", String.valueOf(p.id()), "--solution", "fixed the deadlock", "--by", "alice");
            assertThat(run.exit).as(run.err).isZero();
            assertThat(run.out).contains("#" + p.id(), "resolved");
        }
        assertThat(problems.list(release.name(), true)).isEmpty();
        assertThat(evaluate(HEALTHY).decision()).isEqualTo(Verdict.ADVANCE);

        long anyId = problems.list(release.name(), false).get(0).id();
        CliRun twice = cli("problem", "resolve", String.valueOf(anyId), "--solution", "again", "--by", "bob");
        assertThat(twice.exit).isEqualTo(2);
        assertThat(twice.err).contains("already resolved by alice");
        assertThat(cli("problem", "show", String.valueOf(anyId)).out).contains("solution: fixed the deadlock (by alice");
    }

    @Test
    @Order(5)
    void aProblemPeopleAddIsListedAndACriticalOneHolds() {
        CliRun add = cli("problem", "add", "--stage", "gray_10pct", "--title", "desk reports odd fills", "--severity",
                "CRITICAL", "--symbol", "ETHUSDT", "--seen-on", "2026-01-12", "--by", "carol");
        assertThat(add.exit).as(add.err).isZero();
        assertThat(cli("problem", "list", "--open").out).contains("desk reports odd fills", "ETHUSDT", "OPEN");
        assertThat(evaluate(HEALTHY).decision()).isEqualTo(Verdict.HOLD);

        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE problem SET severity = 'INFO'")))
                .hasMessageContaining("append-only");
    }

    @Test
    @Order(6)
    void attestRecordsAStatementAndTheLatestIsInForce() {
        assertThat(cli("attest", "--stage", "gray_50pct", "--check", "business_feedback_positive", "--value", "no",
                "--by", "dave", "--note", "two complaints").exit).isZero();
        CliRun yes = cli("attest", "--stage", "gray_50pct", "--check", "business_feedback_positive", "--value", "yes",
                "--by", "erin");
        assertThat(yes.exit).as(yes.err).isZero();
        assertThat(yes.out).contains("business_feedback_positive = yes by erin");
        List<Attestation> current = new AttestationStore(db.jdbi()).current(release.name(), "gray_50pct");
        assertThat(current).singleElement().satisfies(a -> {
            assertThat(a.value()).isTrue();
            assertThat(a.by()).isEqualTo("erin");
        });
        assertThat(cli("attest", "--stage", "gray_50pct", "--check", "Bad Name", "--value", "yes", "--by", "x").exit)
                .isEqualTo(2);
        assertThat(cli("attest", "--stage", "nope", "--check", "a", "--value", "yes", "--by", "x").exit).isEqualTo(2);
    }

    private record CliRun(int exit, String out, String err) {
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int at = args[0].equals("problem") ? 2 : 1;
        all.addAll(at, List.of("--db-url", ((PGSimpleDataSource) db.dataSource()).getURL(), "--release", "config/release.yaml"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exit, out.toString(), err.toString());
    }
}
