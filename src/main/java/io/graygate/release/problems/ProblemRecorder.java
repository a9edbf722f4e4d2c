package io.graygate.release.problems;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.decision.EvaluationListener;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;
import io.graygate.facts.Severity;
import io.graygate.facts.VoteKind;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a problem for every alert (warning or critical) and every rollback trigger of a stored evaluation,
 * in the evaluation's own transaction. A problem still open with the same stage, code, symbol, metric and
 * severity is seen again (a sighting) instead of opened twice.
 */
public final class ProblemRecorder implements EvaluationListener {
    /** First half of the two-part advisory lock key for problem keys ("prob"), apart from other locks. */
    private static final int PROBLEM_LOCK_CLASS = 0x70726f62;

    /** A vote that raises a problem, with the one symbol its facts name ("" for none or several). */
    private record Raised(CastVote cast, String symbol) {
    }

    @Override
    public void stored(Handle handle, Evaluation evaluation) {
        Map<Integer, FactRecord> facts = new HashMap<>();
        evaluation.facts().forEach(fact -> facts.put(fact.id(), fact));
        List<Raised> raised = evaluation.votes().stream().filter(ProblemRecorder::raisesProblem)
                .map(cast -> new Raised(cast, symbolOf(facts, cast))).toList();
        lockProblemKeys(handle, evaluation, raised);
        for (Raised r : raised) {
            long problemId = openOrFind(handle, evaluation, r.cast(), r.symbol());
            handle.createUpdate("INSERT INTO problem_sighting (problem_id, evaluation_id, seen_on, vote_seq) "
                            + "VALUES (:problem, :evaluation, :day, :seq)")
                    .bind("problem", problemId).bind("evaluation", evaluation.id()).bind("day", evaluation.asOf())
                    .bind("seq", r.cast().seq()).execute();
        }
        AuditChain.linkGroup(handle, ChainedTables.PROBLEM_SIGHTING, evaluation.id());
    }

    /**
     * Two evaluations stored at once would each miss the other's uncommitted problem and open it twice. A
     * transaction lock per problem key makes the second wait until the first commits, and then see its problem.
     * Keys are locked in sorted order, so two evaluations raising the same problems cannot deadlock.
     */
    private static void lockProblemKeys(Handle handle, Evaluation evaluation, List<Raised> raised) {
        new java.util.TreeSet<>(raised.stream()
                .map(r -> String.join("\u001f", evaluation.release(), evaluation.stage(), r.cast().vote().code(),
                        r.symbol(), String.valueOf(r.cast().vote().metric()), r.cast().vote().severity().name()))
                .toList())
                .forEach(key -> handle.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", PROBLEM_LOCK_CLASS, key));
    }

    static boolean raisesProblem(CastVote cast) {
        VoteKind kind = cast.vote().kind();
        return kind == VoteKind.ROLLBACK
                || (kind == VoteKind.ALERT && cast.vote().severity() != Severity.INFO);
    }

    private static long openOrFind(Handle handle, Evaluation e, CastVote cast, String symbol) {
        var vote = cast.vote();
        Optional<Long> open = handle.createQuery("""
                        SELECT p.id FROM problem p
                        WHERE p.release = :release AND p.stage = :stage AND p.code = :code AND p.symbol = :symbol
                          AND p.metric = :metric AND p.severity = :severity
                          AND NOT EXISTS (SELECT 1 FROM problem_resolution r WHERE r.problem_id = p.id)
                        ORDER BY p.id LIMIT 1""")
                .bind("release", e.release()).bind("stage", e.stage()).bind("code", vote.code())
                .bind("symbol", symbol).bind("metric", vote.metric()).bind("severity", vote.severity().name())
                .mapTo(Long.class).findOne();
        return open.orElseGet(() -> insertProblem(handle, e, cast, symbol));
    }

    private static long insertProblem(Handle handle, Evaluation e, CastVote cast, String symbol) {
        var vote = cast.vote();
        long id = handle.createUpdate("""
                        INSERT INTO problem (release, stage, symbol, metric, code, severity, title, origin, opened_by, first_seen)
                        VALUES (:release, :stage, :symbol, :metric, :code, :severity, :title, :origin, :by, :seen)""")
                .bind("release", e.release()).bind("stage", e.stage()).bind("symbol", symbol)
                .bind("metric", vote.metric()).bind("code", vote.code()).bind("severity", vote.severity().name())
                .bind("title", vote.message()).bind("origin", vote.kind() == VoteKind.ROLLBACK ? "rollback" : "alert")
                .bind("by", "evaluation #" + e.id() + " (" + cast.rule() + ")").bind("seen", e.asOf())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        AuditChain.link(handle, ChainedTables.PROBLEM, id);
        return id;
    }

    /** The one symbol of the facts behind the vote, or "" when they concern none or several. */
    /**
     * The one symbol the vote's facts name, or "" when they name none or several. Facts are looked up by id:
     * scanning every fact per vote cost 18 s of an evaluation over 5,000 symbols (88,000 facts).
     */
    static String symbolOf(Map<Integer, FactRecord> facts, CastVote cast) {
        List<String> symbols = cast.factIds().stream()
                .map(facts::get)
                .filter(Objects::nonNull)
                .map(ProblemRecorder::symbolOf)
                .filter(Objects::nonNull).filter(s -> !s.isEmpty())
                .distinct().toList();
        return symbols.size() == 1 ? symbols.get(0) : "";
    }

    private static String symbolOf(FactRecord fact) {
        Object converted = Json.MAPPER.convertValue(fact.value(), Object.class);
        return converted instanceof Map<?, ?> map && map.get("symbol") instanceof String s ? s : null;
    }
}
