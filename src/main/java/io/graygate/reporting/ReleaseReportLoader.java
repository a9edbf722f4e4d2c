package io.graygate.reporting;

import io.graygate.audit.EvaluationDao;
import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Attestation;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.release.Decision;
import io.graygate.release.EventKind;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ReleaseReport} from the stored evaluations up to a day. */
public final class ReleaseReportLoader {
    private final Jdbi jdbi;

    public ReleaseReportLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored evaluation as the release report needs it. */
    record EvaluationRow(long id, String stage, int number, LocalDate asOf, LocalDate windowStart, String decision,
                         String rulesetSha256, java.time.Instant at) {
    }

    public ReleaseReport load(ReleaseConfig release, LocalDate asOf) {
        return jdbi.inTransaction(h -> build(h, release, asOf));
    }

    private ReleaseReport build(Handle h, ReleaseConfig release, LocalDate asOf) {
        List<EvaluationRow> evaluations = EvaluationDao.ofRelease(h, release.name(), asOf).stream()
                .map(e -> new EvaluationRow(e.id(), e.stage(), e.stageNumber(), e.asOf(), e.window().start(),
                        e.decision().name(), e.rulesetSha256(), e.createdAt()))
                .toList();
        List<Problem> problems = new ProblemStore(jdbi).list(release.name(), false).stream()
                .filter(p -> !p.firstSeen().isAfter(asOf)).toList();
        List<Attestation> statements = new AttestationStore(jdbi).history(release.name());
        Map<Long, EvaluationRow> byId = new LinkedHashMap<>();
        evaluations.forEach(e -> byId.put(e.id(), e));
        ReleaseStore lifecycle = new ReleaseStore(jdbi);
        List<MeetingDecision> decisions = lifecycle.decisions(release.name()).stream()
                .filter(d -> byId.containsKey(d.evaluationId()))
                .sorted(Comparator.comparing(Decision::id))
                .map(d -> MeetingDecision.of(d, byId.get(d.evaluationId()).asOf())).toList();
        Map<String, List<String>> transitions = transitions(lifecycle.events(release.name()), asOf);
        List<StageHistory> stages = new ArrayList<>();
        for (StageConfig stage : release.stages()) {
            stages.add(history(stage, evaluations, statements, decisions,
                    transitions.getOrDefault(stage.name(), List.of())));
        }
        boolean finished = stages.stream().allMatch(s -> !s.advancedOn().isEmpty());
        Criteria criteria = new Criteria(h, release, asOf, evaluations, stages, problems, statements);
        return new ReleaseReport(release.name(), asOf, finished, stages, criteria.all(), problems, statements,
                lessons(problems, statements), evaluations.stream().map(EvaluationRow::rulesetSha256).distinct().toList(),
                evaluations.stream().map(EvaluationRow::id).toList(), decisions, ChainStatus.verify(h, null, null));
    }

    /**
     * The release's transitions up to the as-of day, by the stage they happened in: a start under the stage
     * started, a rollback or completion under the stage that was running then.
     */
    static Map<String, List<String>> transitions(List<ReleaseEvent> events, LocalDate asOf) {
        Map<String, List<String>> byStage = new LinkedHashMap<>();
        String running = null;
        for (ReleaseEvent e : events) {
            if (e.drill() || e.at().atZone(ZoneOffset.UTC).toLocalDate().isAfter(asOf)) {
                continue;
            }
            String stage = e.kind() == EventKind.STAGE_STARTED || e.stage() != null ? e.stage() : running;
            String what = switch (e.kind()) {
                case STAGE_STARTED -> "started";
                case ROLLED_BACK -> "ROLLED BACK";
                case COMPLETED -> "completed";
            };
            byStage.computeIfAbsent(stage == null ? "" : stage, k -> new ArrayList<>())
                    .add(what + " at " + e.at() + " by " + e.actor() + (e.reason().isBlank() ? "" : ": " + e.reason()));
            running = e.kind() == EventKind.STAGE_STARTED ? e.stage() : null;
        }
        return byStage;
    }

    private static StageHistory history(StageConfig stage, List<EvaluationRow> all, List<Attestation> statements,
                                        List<MeetingDecision> decisions, List<String> lifecycle) {
        List<EvaluationRow> mine = all.stream().filter(e -> e.stage().equals(stage.name())).toList();
        List<String> approvals = statements.stream().filter(a -> a.stage().equals(stage.name()))
                .map(a -> a.check() + "=" + ReportText.yesNo(a.value()) + " by " + a.by() + " at " + a.at()).toList();
        EvaluationRow last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
        return new StageHistory(stage.name(), stage.number(),
                mine.stream().map(EvaluationRow::windowStart).min(LocalDate::compareTo).orElse(null), mine.size(),
                (int) mine.stream().filter(e -> e.decision().equals("HOLD")).count(),
                days(mine, "ADVANCE"), days(mine, "ROLLBACK"),
                last == null ? "not started" : last.decision(), last == null ? null : last.id(), approvals,
                decisions.stream().filter(d -> d.stage().equals(stage.name())).map(MeetingDecision::describe).toList(),
                lifecycle);
    }

    private static List<LocalDate> days(List<EvaluationRow> rows, String decision) {
        return rows.stream().filter(e -> e.decision().equals(decision)).map(EvaluationRow::asOf).distinct().toList();
    }

    /** Each solved problem as a lesson, then what people wrote as lessons learned. */
    private static List<String> lessons(List<Problem> problems, List<Attestation> statements) {
        List<String> lessons = new ArrayList<>();
        problems.stream().filter(p -> !p.open()).forEach(p -> lessons.add(p.stage() + ": " + p.title() + " -> "
                + p.resolution().solution() + " (" + p.resolution().by() + ")"));
        statements.stream().filter(a -> a.check().startsWith("lessons") && !a.note().isBlank())
                .forEach(a -> lessons.add(a.note() + " (" + a.by() + ")"));
        return lessons;
    }
}
