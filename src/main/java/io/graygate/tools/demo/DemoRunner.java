package io.graygate.tools.demo;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.facts.Verdict;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The main job, end to end on real parts: generate the history, ingest it, evaluate every stage day by
 * day with the shipped rules and store each decision. An attempt stops at its first ROLLBACK.
 */
public final class DemoRunner {
    private static final long SEED = 20260301L;

    private final Database db;
    private final ReleaseConfig release;
    private final RuleSet rules;

    public DemoRunner(Database db, ReleaseConfig release, RuleSet rules) {
        this.db = db;
        this.release = release;
        this.rules = rules;
    }

    public DemoResult run(Path dataDir, Consumer<String> progress) throws IOException {
        DemoSchedule schedule = DemoSchedule.standard();
        progress.accept("generating " + release.universe().size() + " symbols x " + days(schedule) + " days into " + dataDir);
        List<Path> files = new SyntheticHistory(release, schedule, SEED).write(dataDir);

        progress.accept("ingesting " + files.size() + " files");
        Ingester ingester = new Ingester(db.jdbi(), release.catalogue());
        List<IngestReport> ingests = new ArrayList<>();
        for (Path file : files) {
            ingests.add(ingester.ingestFile(file));
        }

        progress.accept("recording the people's statements the stage 2 and 3 gates need");
        recordStatements();

        progress.accept("evaluating every stage day by day");
        EvaluateStage evaluator = new EvaluateStage(db.jdbi());
        List<TimelineEntry> timeline = new ArrayList<>();
        for (DemoPhase phase : schedule.phases()) {
            if (!phase.isStage()) {
                continue;
            }
            for (LocalDate day = phase.from(); !day.isAfter(phase.to()); day = day.plusDays(1)) {
                Evaluation evaluation = evaluator.evaluateAndStore(release, release.requireStage(phase.stage()), rules,
                        day, phase.from(), "demo");
                timeline.add(new TimelineEntry(phase, evaluation));
                if (evaluation.decision() == Verdict.ROLLBACK) {
                    resolveIncident(phase);
                    break;
                }
            }
        }
        return new DemoResult(dataDir, ingests, timeline, rules.sha256());
    }

    /** The judgements the card leaves to people, stated as a team would state them after each stage. */
    private void recordStatements() {
        AttestationStore statements = new AttestationStore(db.jdbi());
        statements.record(release.name(), "gray_50pct", "business_feedback_positive", true, "demo: product owner",
                "no complaints from the desks using the 50% symbols");
        statements.record(release.name(), "full", "team_accepts_default", true, "demo: team lead",
                "decision meeting agreed to make dynamic mode the default");
    }

    /** After a rollback the team fixes the incident before the stage is tried again: its problems get a solution. */
    private void resolveIncident(DemoPhase phase) {
        ProblemStore problems = new ProblemStore(db.jdbi());
        for (Problem problem : problems.list(release.name(), true)) {
            if (problem.stage().equals(phase.stage())) {
                problems.resolve(problem.id(), "demo: rolled back within a minute; the parameter-update deadlock behind the "
                        + "crash and the time-outs was fixed before the stage restarted", "demo: on-call engineer");
            }
        }
    }

    private static long days(DemoSchedule schedule) {
        return java.time.temporal.ChronoUnit.DAYS.between(schedule.first(), schedule.last()) + 1;
    }
}
