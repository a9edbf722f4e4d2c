package io.graygate.evaluation.replay;

import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.rules.RuleSet;
import io.graygate.platform.EngineVersion;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-decides stored evaluations with a candidate rule set, on the input facts and stage configuration each
 * recorded decision used, and reports the decisions that would change. Nothing is written: the facts are
 * read in a read-only transaction and the candidate's evaluations are never stored.
 */
public final class Replayer {
    /** Evaluations whose facts are fetched with one query. */
    static final int BATCH = 200;

    private final Jdbi jdbi;
    private final String engineVersion = EngineVersion.describe();

    public Replayer(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param stage a stage name, or null for every stage */
    public ReplayReport replay(RuleSet candidate, LocalDate from, LocalDate to, String stage) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION READ ONLY");
            EvaluationHistory history = new EvaluationHistory(handle);
            List<Long> ids = history.ids(from, to, stage);
            List<ReplayChange> changes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += BATCH) {
                for (RecordedEvaluation recorded : history.load(ids.subList(i, Math.min(ids.size(), i + BATCH)))) {
                    replayOne(recorded, candidate).ifPresent(changes::add);
                }
            }
            return new ReplayReport(from, to, stage, candidate.sha256(), ids.size(), changes);
        });
    }

    private java.util.Optional<ReplayChange> replayOne(RecordedEvaluation recorded, RuleSet candidate) {
        Evaluation now = EvaluateStage.decide(recorded.inputs(), candidate, recorded.window(), recorded.stageConfig(),
                engineVersion);
        if (now.decision() == recorded.decision()) {
            return java.util.Optional.empty();
        }
        List<String> rules = now.reasons().stream().map(CastVote::rule).distinct().toList();
        return java.util.Optional.of(new ReplayChange(recorded.asOf(), recorded.stage(), recorded.id(),
                recorded.decision(), recorded.rules(), now.decision(), rules));
    }
}
