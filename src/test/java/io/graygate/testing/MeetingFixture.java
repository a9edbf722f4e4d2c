package io.graygate.testing;

import java.nio.file.Path;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.release.problems.NewProblem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseStore;
import io.graygate.release.Releases;
import io.graygate.reporting.ReportArchive;
import io.graygate.reporting.ReportBuilder;
import io.graygate.reporting.ReportFormat;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;

/**
 * A release as the decision meeting sees it: stage 1 running, three stored evaluations (ROLLBACK, HOLD,
 * ADVANCE) with the votes that cast them, a ruling, open problems and a stored HTML report. Texts a person or a
 * rule writes carry markup, so the page's escaping is tested on every kind of text.
 */
public final class MeetingFixture {
    public static final String ROLLBACK_REASON = "crash count 2 above 0: the strategy crashed";
    public static final String HOLD_REASON = "observation incomplete: 2 of 3 days";
    public static final String RULING_REASON = "<script>alert('ruling')</script> wait for the full window";
    public static final String PROBLEM_TITLE = "param update deadlock <img src=x onerror=alert(1)>";
    public static final String PROBLEM_SYMBOL = "<script>alert('symbol')</script>";

    /** The stored rows the fixture made. */
    public record Scene(ReleaseConfig release, long rollbackId, long holdId, long advanceId, long problemId, long reportId) {
    }

    private MeetingFixture() {
    }

    public static Scene build(Jdbi jdbi, ReleaseConfig release) {
        ReleaseStore store = new ReleaseStore(jdbi);
        Releases.stateReadiness(store, release);
        Lifecycle lifecycle = Lifecycle.standard(release, store, Path.of("rules"));
        lifecycle.startStage("gray_10pct", "alice", "prerequisites met");

        long rollback = Releases.evaluation(jdbi, release, 1, Verdict.ROLLBACK);
        vote(jdbi, rollback, 1, "ROLLBACK", "ROLLBACK", "CRITICAL", "CRASH", ROLLBACK_REASON);
        vote(jdbi, rollback, 2, "GATE", "ADVANCE", "INFO", "S1 uptime", "uptime_ratio = 0.9995 >= 0.999");
        long hold = Releases.evaluation(jdbi, release, 1, Verdict.HOLD);
        vote(jdbi, hold, 1, "ENGINE", "HOLD", "WARNING", "OBSERVATION_INCOMPLETE", HOLD_REASON);
        vote(jdbi, hold, 2, "ALERT", "HOLD", "WARNING", "LATENCY", "informational alert, not a reason");
        lifecycle.decide(hold, true, "bob", RULING_REASON);
        long advance = Releases.evaluation(jdbi, release, 1, Verdict.ADVANCE);
        for (int seq = 1; seq <= 5; seq++) {
            vote(jdbi, advance, seq, "GATE", "ADVANCE", "INFO", "S1 condition " + seq, "condition " + seq + " met");
        }

        ProblemStore problems = new ProblemStore(jdbi);
        long problem = problems.add(new NewProblem(release.name(), "gray_10pct", PROBLEM_SYMBOL, "param_update_latency_ms",
                Severity.CRITICAL, PROBLEM_TITLE, LocalDate.now(), "carol")).id();
        long fixed = problems.add(new NewProblem(release.name(), "gray_10pct", "", "", Severity.WARNING,
                "fixed problem that must not show", LocalDate.now(), "carol")).id();
        problems.resolve(fixed, "restarted", "carol");

        ReportArchive archive = new ReportArchive(jdbi);
        long report = archive.store(new ReportBuilder(jdbi, release).evaluation(advance, ReportFormat.html), "test");
        return new Scene(release, rollback, hold, advance, problem, report);
    }

    private static void vote(Jdbi jdbi, long evaluation, int seq, String kind, String verdict, String severity, String code,
                             String message) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO evaluation_vote (evaluation_id, seq, rule_name, kind, verdict, severity, code, message,
                            metric, threshold, met)
                        VALUES (:id, :seq, :rule, :kind, :verdict, :severity, :code, :message, '', '', :met)""")
                .bind("id", evaluation).bind("seq", seq).bind("rule", code + " rule").bind("kind", kind)
                .bind("verdict", verdict).bind("severity", severity).bind("code", code).bind("message", message)
                .bind("met", verdict.equals("ADVANCE")).execute());
    }
}
