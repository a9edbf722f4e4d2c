package io.graygate.reporting;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Attestation;
import io.graygate.facts.Severity;
import io.graygate.release.problems.Problem;
import io.graygate.reporting.Criterion.Status;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The card's acceptance criteria V1-V12, decided from stored data where data can decide, and from people's
 * statements ({@code graygate attest --stage release --check v10_documents_complete ...}) where it cannot.
 */
final class Criteria {
    static final String V10 = "v10_documents_complete";
    static final String V11 = "v11_problem_records_detailed";
    static final String V12 = "v12_lessons_learned_complete";

    private final Handle h;
    private final ReleaseConfig release;
    private final LocalDate asOf;
    private final List<ReleaseReportLoader.EvaluationRow> evaluations;
    private final List<StageHistory> stages;
    private final List<Problem> problems;
    private final List<Attestation> statements;

    Criteria(Handle h, ReleaseConfig release, LocalDate asOf, List<ReleaseReportLoader.EvaluationRow> evaluations,
             List<StageHistory> stages, List<Problem> problems, List<Attestation> statements) {
        this.h = h;
        this.release = release;
        this.asOf = asOf;
        this.evaluations = evaluations;
        this.stages = stages;
        this.problems = problems;
        this.statements = statements;
    }

    List<Criterion> all() {
        return List.of(v1(), v2(), v3(), v4(), v5(), v6(), v7(), v8(), v9(),
                statement("V10", "all operating documents complete", V10),
                statement("V11", "problem records detailed", V11),
                statement("V12", "lessons learned complete", V12));
    }

    private Criterion v1() {
        List<String> missing = stages.stream().filter(s -> s.advancedOn().isEmpty()).map(StageHistory::stage).toList();
        return data("V1", "the 3 stages ran as planned", missing.isEmpty() ? Status.PASS : Status.PENDING,
                missing.isEmpty() ? "every stage reached ADVANCE" : "not advanced yet: " + String.join(", ", missing));
    }

    private Criterion v2() {
        List<String> undecided = stages.stream().filter(s -> !s.hasExplicitDecision()).map(StageHistory::stage).toList();
        return data("V2", "every stage has an explicit advance/rollback decision",
                undecided.isEmpty() ? Status.PASS : Status.PENDING,
                undecided.isEmpty() ? "every stage has an ADVANCE or ROLLBACK evaluation"
                        : "no ADVANCE or ROLLBACK yet: " + String.join(", ", undecided));
    }

    /** No ADVANCE was decided while a critical problem was open, and none is open now. */
    private Criterion v3() {
        List<String> late = evaluations.stream().filter(e -> e.decision().equals("ADVANCE"))
                .flatMap(e -> problems.stream().filter(p -> p.severity() == Severity.CRITICAL
                                && p.openedAt().isBefore(e.at())
                                && (p.open() || p.resolution().at().isAfter(e.at())))
                        .map(p -> "#" + p.id() + " open at ADVANCE #" + e.id()))
                .toList();
        long open = problems.stream().filter(p -> p.severity() == Severity.CRITICAL && p.open()).count();
        Status status = !late.isEmpty() ? Status.FAIL : open > 0 ? Status.PENDING : Status.PASS;
        return data("V3", "problems found and handled in time at every stage", status,
                problems.size() + " problem(s) recorded; critical open now: " + open
                        + (late.isEmpty() ? "; no ADVANCE while a critical problem was open" : "; " + String.join(", ", late)));
    }

    private Criterion v4() {
        Optional<LocalDate> first = stages.stream().map(StageHistory::started).filter(d -> d != null).min(LocalDate::compareTo);
        if (first.isEmpty()) {
            return data("V4", "stability >= 99.9% over the whole gray period", Status.PENDING, "no stage has started");
        }
        Double uptime = h.createQuery("""
                        SELECT avg(x.value) FROM sample x JOIN series s ON s.id = x.series_id
                        WHERE s.metric = 'uptime_ratio' AND x.ts >= :from AND x.ts < :until""")
                .bind("from", Timestamp.from(first.get().atStartOfDay(ZoneOffset.UTC).toInstant()))
                .bind("until", Timestamp.from(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .mapTo(Double.class).one();
        if (uptime == null) {
            return data("V4", "stability >= 99.9% over the whole gray period", Status.PENDING, "no uptime samples");
        }
        return data("V4", "stability >= 99.9% over the whole gray period", uptime >= 0.999 ? Status.PASS : Status.FAIL,
                "mean uptime " + io.graygate.facts.Facts.percent(uptime) + " from " + first.get() + " to " + asOf);
    }

    private Criterion v5() {
        List<String> critical = problems.stream().filter(p -> p.severity() == Severity.CRITICAL)
                .map(p -> "#" + p.id() + " " + p.code()).toList();
        return data("V5", "no critical-level problem", critical.isEmpty() ? Status.PASS : Status.FAIL,
                critical.isEmpty() ? "the problem log has no critical problem" : "critical: " + String.join(", ", critical));
    }

    private Criterion v6() {
        List<String> open = problems.stream().filter(Problem::open).map(p -> "#" + p.id()).toList();
        return data("V6", "every problem recorded with its solution", open.isEmpty() ? Status.PASS : Status.FAIL,
                problems.size() + " problem(s); without a solution: " + (open.isEmpty() ? "none" : String.join(", ", open)));
    }

    /** Signal quality and return of the latest evaluation of the furthest stage reached, against baseline. */
    private Criterion v7() {
        Long last = lastEvaluationOfFurthestStage();
        if (last == null) {
            return data("V7", "no significant degradation versus baseline", Status.PENDING, "no evaluation yet");
        }
        List<String> degraded = h.createQuery("""
                        SELECT content->>'metric' || ' ' || round((content->>'relativeChange')::numeric * 100, 2) || '%'
                        FROM evaluation_fact_typed
                        WHERE evaluation_id = :id AND type = 'Comparison' AND content->>'symbol' = ''
                          AND content->>'metric' IN ('ofi_signal_quality', 'cvd_signal_quality', 'strategy_return')
                          AND (content->>'relativeChange')::double precision < -0.05
                        UNION ALL
                        SELECT content->>'metric' || ' deviation ' || round((content->>'deviation')::numeric, 3)
                        FROM evaluation_fact_typed
                        WHERE evaluation_id = :id AND type = 'DistributionShift' AND content->>'symbol' = ''
                          AND (content->>'deviation')::double precision > 0.10""")
                .bind("id", last).mapTo(String.class).list();
        return data("V7", "no significant degradation versus baseline", degraded.isEmpty() ? Status.PASS : Status.FAIL,
                "evaluation #" + last + (degraded.isEmpty() ? ": quality, return and z-scores within the alert limits"
                        : ": " + String.join(", ", degraded)));
    }

    private Criterion v8() {
        return lastStageComparison("V8", "quiet-period resource use down >= 30% (if throttling)", "quiet_cpu_ratio", -0.30, true);
    }

    private Criterion v9() {
        return lastStageComparison("V9", "active-period performance better or equal", "active_strategy_return", 0.0, false);
    }

    private Criterion lastStageComparison(String id, String text, String metric, double limit, boolean atMost) {
        int lastStage = release.stages().size();
        Optional<ReleaseReportLoader.EvaluationRow> last = evaluations.stream().filter(e -> e.number() == lastStage)
                .reduce((a, b) -> b);
        if (last.isEmpty()) {
            return data(id, text, Status.PENDING, "stage " + lastStage + " has no evaluation yet");
        }
        long evaluationId = last.get().id();
        if (atMost && !throttled(evaluationId)) {
            return data(id, text, Status.NOT_APPLICABLE, "throttle_in_quiet is off in evaluation #" + evaluationId);
        }
        Optional<Double> change = h.createQuery("""
                        SELECT (content->>'relativeChange')::double precision FROM evaluation_fact_typed
                        WHERE evaluation_id = :id AND type = 'Comparison' AND content->>'symbol' = ''
                          AND content->>'metric' = :metric""")
                .bind("id", evaluationId).bind("metric", metric).mapTo(Double.class).findOne();
        if (change.isEmpty()) {
            return data(id, text, Status.PENDING, "evaluation #" + evaluationId + " has no " + metric + " comparison");
        }
        boolean ok = atMost ? change.get() <= limit : change.get() >= limit;
        return data(id, text, ok ? Status.PASS : Status.FAIL, metric + " " + io.graygate.facts.Facts.percent(change.get())
                + " vs baseline in evaluation #" + evaluationId);
    }

    private boolean throttled(long evaluationId) {
        return h.createQuery("SELECT coalesce((stage_config->>'throttleInQuiet')::boolean, false) FROM evaluation WHERE id = :id")
                .bind("id", evaluationId).mapTo(Boolean.class).one();
    }

    private Long lastEvaluationOfFurthestStage() {
        return evaluations.stream().max(java.util.Comparator.comparingInt(ReleaseReportLoader.EvaluationRow::number)
                        .thenComparingLong(ReleaseReportLoader.EvaluationRow::id))
                .map(ReleaseReportLoader.EvaluationRow::id).orElse(null);
    }

    private Criterion statement(String id, String text, String check) {
        Optional<Attestation> said = statements.stream()
                .filter(a -> a.stage().equals(AttestationStore.RELEASE_STAGE) && a.check().equals(check))
                .reduce((a, b) -> b);
        if (said.isEmpty()) {
            return new Criterion(id, text, Status.NEEDS_STATEMENT, "needs a person's statement: graygate attest --stage release --check "
                    + check + " --value yes|no --by NAME", "");
        }
        Attestation a = said.get();
        return new Criterion(id, text, a.value() ? Status.PASS : Status.FAIL,
                "stated " + ReportText.yesNo(a.value()) + " at " + a.at() + (a.note().isBlank() ? "" : ": " + a.note()), a.by());
    }

    private static Criterion data(String id, String text, Status status, String evidence) {
        return new Criterion(id, text, status, evidence, "");
    }

    static String summary(List<Criterion> criteria) {
        return criteria.stream().collect(Collectors.groupingBy(c -> c.status().name(), java.util.TreeMap::new,
                Collectors.counting())).toString();
    }
}
