package io.graygate.evaluation;

import io.graygate.decision.CastVote;
import io.graygate.decision.DecisionPolicy;
import io.graygate.decision.EngineChecks;
import io.graygate.decision.Evaluation;
import io.graygate.decision.EvaluationListener;
import io.graygate.decision.FactRecord;
import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;

import io.graygate.alerting.AlertRecorder;
import io.graygate.release.statements.AttestationStore;
import io.graygate.audit.AuditStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Verdict;
import io.graygate.evaluation.streak.GateHistory;
import io.graygate.evaluation.streak.GateStreakRecorder;
import io.graygate.modeswitch.ModeFacts;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemRecorder;
import io.graygate.release.problems.ProblemStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.EngineVersion;
import io.graygate.platform.Json;
import io.graygate.platform.DatabaseException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one use case that evaluates a stage as of a day: facts gathered from SQL, the rule set's votes,
 * graygate's own checks, the decision, and the whole record stored in one transaction with everything that
 * must commit with it. The CLI's {@code evaluate}, the scheduler of {@code serve}, the demo and the benchmark
 * all store through {@link #store}; replay and the scenario tests use {@link #decide}, which stores nothing.
 */
public final class EvaluateStage {
    private final Jdbi jdbi;
    private final FactBuilder facts;
    private final ModeFacts modes;
    private final AuditStore audit;
    private final ProblemStore problems;
    private final AttestationStore statements;
    private final GateHistory gates;
    /**
     * What commits with each evaluation, run in this order after its rows are written and before its audit-chain
     * link: problems opened or seen, alerts raised (they name the problems), the gate streak it leaves.
     */
    private final List<EvaluationListener> recorders;
    private final String engineVersion = EngineVersion.describe();
    private final StepTimer timer;

    public EvaluateStage(Jdbi jdbi) {
        this(jdbi, StepTimer.NONE);
    }

    /** With a timer that is told how long each step took (the evaluation benchmark). */
    public EvaluateStage(Jdbi jdbi, StepTimer timer) {
        this.jdbi = jdbi;
        this.timer = timer;
        this.facts = new FactBuilder(jdbi);
        this.modes = new ModeFacts(jdbi);
        this.audit = new AuditStore(jdbi);
        this.problems = new ProblemStore(jdbi);
        this.statements = new AttestationStore(jdbi);
        this.gates = new GateHistory(jdbi);
        this.recorders = List.of(new ProblemRecorder(), new AlertRecorder(), new GateStreakRecorder());
    }

    /** Evaluates and stores the evaluation in one transaction of its own. */
    public Evaluation evaluateAndStore(ReleaseConfig release, StageConfig stage, RuleSet rules, LocalDate asOf,
                                       LocalDate since, String requestedBy) {
        Evaluation evaluation;
        try {
            evaluation = evaluate(release, stage, rules, asOf, since);
        } catch (JdbiException e) {
            throw lost(stage, asOf, "reading its facts", e);
        }
        try {
            return timed(StepTimer.Step.AUDIT_WRITE, () -> store(evaluation, rules, requestedBy));
        } catch (JdbiException e) {
            throw lost(stage, asOf, "storing it", e);
        }
    }

    /** Stores an evaluation already decided, in one transaction of its own. */
    public Evaluation store(Evaluation evaluation, RuleSet rules, String requestedBy) {
        return jdbi.inTransaction(handle -> store(handle, evaluation, rules, requestedBy));
    }

    /**
     * The one store path, inside the caller's transaction (the scheduler adds its exactly-once claim to it):
     * the rule set and the evaluation's rows, then the recorders, then the audit-chain link, which hashes the
     * evaluation's stored rows.
     */
    public Evaluation store(Handle handle, Evaluation evaluation, RuleSet rules, String requestedBy) {
        Evaluation stored = audit.insert(handle, evaluation, rules, requestedBy);
        for (EvaluationListener recorder : recorders) {
            recorder.stored(handle, stored);
        }
        audit.link(handle, stored);
        return stored;
    }

    /** The store is one transaction, so a database lost part-way leaves nothing: say so, in one line. */
    private static DatabaseException lost(StageConfig stage, LocalDate asOf, String step, JdbiException e) {
        return new DatabaseException(stage.name() + " as of " + asOf + ": the evaluation was not stored: the database failed while "
                + step + " (" + DatabaseException.firstLine(e) + "); nothing of it was written; run the command again", e);
    }

    /** Evaluates without storing anything. */
    public Evaluation evaluate(ReleaseConfig release, StageConfig stage, RuleSet rules, LocalDate asOf, LocalDate since) {
        ObservationWindow window = ObservationWindow.of(asOf, since, stage.observationDays());
        InputFacts built = timed(StepTimer.Step.SQL_AGGREGATION, () -> facts.build(release, stage, window)
                .withPeople(problems.list(release.name(), true).stream().map(Problem::asFact).toList(),
                        statements.current(release.name(), stage.name())));
        InputFacts inputs = built.withSwitches(
                        timed(StepTimer.Step.MODE_REPLAY, () -> modes.build(stage, rules, window, built.daily())))
                .withGate(null, gates.prior(release.name(), stage.name(), asOf, since));
        return timed(StepTimer.Step.RULES, () -> decide(inputs, rules, window, stage, engineVersion));
    }

    private <T> T timed(StepTimer.Step step, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        timer.took(step, System.nanoTime() - started);
        return result;
    }

    /** Runs the rules over facts already built; the same path serves stored evaluations and tests. */
    public static Evaluation decide(InputFacts inputs, RuleSet rules, ObservationWindow window, StageConfig stage,
                                    String engineVersion) {
        inputs = inputs.withGateDefaults(stage);
        SessionRun run = SessionRunner.run(rules, inputs.all());
        List<CastVote> votes = new ArrayList<>(run.votes());
        List<EngineChecks.Check> checks = new ArrayList<>(EngineChecks.beforeRules(inputs.stage(), inputs.coverage()));
        checks.addAll(EngineChecks.afterRules(inputs.stage(), run.votes()));
        for (EngineChecks.Check check : checks) {
            votes.add(new CastVote(votes.size() + 1, null, check.rule(), check.vote(), factIdOf(check.fact(), run)));
        }
        Verdict decision = DecisionPolicy.decide(votes);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = Json.MAPPER.convertValue(stage, Map.class);
        config.put("file", stage.file().toString());
        return new Evaluation(null, inputs.stage().release(), stage.name(), stage.number(), window.end(), window,
                decision, votes, run.firings(), run.facts(), rules.sha256(), engineVersion, config);
    }

    private static List<Integer> factIdOf(Object fact, SessionRun run) {
        return run.facts().stream().filter(f -> f.value() == fact).map(FactRecord::id).toList();
    }
}
