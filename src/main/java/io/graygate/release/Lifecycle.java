package io.graygate.release;

import io.graygate.decision.StoredEvaluation;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.Verdict;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage start, the decision meeting's ruling, rollback and the desired state, over the append-only
 * lifecycle tables. Rollback touches neither the rules nor the metrics, so it works when either is broken.
 */
public final class Lifecycle {
    private final ReleaseConfig release;
    private final ReleaseStore store;
    private final List<EntryCheck> entryChecks;
    private final boolean drill;

    public Lifecycle(ReleaseConfig release, ReleaseStore store, List<EntryCheck> entryChecks) {
        this(release, store, entryChecks, false);
    }

    private Lifecycle(ReleaseConfig release, ReleaseStore store, List<EntryCheck> entryChecks, boolean drill) {
        this.release = release;
        this.store = store;
        this.entryChecks = List.copyOf(entryChecks);
        this.drill = drill;
    }

    /** A scratch release for the rollback drill: no entry checks, every event marked as a drill. */
    public static Lifecycle drill(ReleaseConfig scratch, ReleaseStore store) {
        return new Lifecycle(scratch, store, List.of(), true);
    }

    /**
     * The shipped entry check: the rules of {@code entry.drl} in {@code rulesDir} over the shipped entry facts,
     * read only when a stage is asked to start.
     */
    public static Lifecycle standard(ReleaseConfig release, ReleaseStore store, Path rulesDir) {
        return standard(release, store, rulesDir, Clock.systemUTC());
    }

    /** @param clock when a start is asked for: what the cool-down after a rollback is measured against */
    public static Lifecycle standard(ReleaseConfig release, ReleaseStore store, Path rulesDir, Clock clock) {
        return new Lifecycle(release, store,
                List.of(new EntryRules(release, rulesDir, EntryFacts.shipped(store.jdbi(), release, clock))));
    }

    public ReleaseConfig release() {
        return release;
    }

    public ReleaseState state() {
        return stateOf(release.name());
    }

    ReleaseState stateOf(String releaseName) {
        Optional<ReleaseEvent> latest = store.latestEvent(releaseName);
        if (latest.isEmpty()) {
            return ReleaseState.baseline(releaseName);
        }
        ReleaseEvent event = latest.get();
        return switch (event.kind()) {
            case ROLLED_BACK -> new ReleaseState(releaseName, Phase.ROLLED_BACK, null, 0, event.at(), null, event);
            case COMPLETED -> new ReleaseState(releaseName, Phase.COMPLETE, event.stage(), event.stageNumber(), event.at(),
                    null, event);
            case STAGE_STARTED -> {
                Optional<Long> awaiting = store.undecidedEvaluation(releaseName, event.stage(), event.at());
                yield new ReleaseState(releaseName, awaiting.isPresent() ? Phase.AWAITING_DECISION : Phase.STAGE_RUNNING,
                        event.stage(), event.stageNumber(), event.at(), awaiting.orElse(null), event);
            }
        };
    }

    /** Checks every entry condition and starts the stage, or refuses with all unmet conditions listed. */
    public ReleaseEvent startStage(String stageName, String by, String reason) {
        StageConfig stage = release.requireStage(stageName);
        ReleaseState state = state();
        List<String> unmet = new ArrayList<>();
        for (EntryCheck check : entryChecks) {
            unmet.addAll(check.unmet(stage, state));
        }
        if (!unmet.isEmpty()) {
            throw new LifecycleException("cannot start stage " + stage.number() + " (" + stage.name() + ")", unmet);
        }
        return store.append(release.name(), EventKind.STAGE_STARTED, stage.name(), stage.number(), by, reason, drill);
    }

    /**
     * Records the decision meeting's ruling on an evaluation. Approving a ROLLBACK rolls back in the same
     * transaction; approving the last stage's ADVANCE completes the release.
     */
    public Decision decide(long evaluationId, boolean approve, String by, String reason) {
        StoredEvaluation evaluation = store.evaluation(evaluationId)
                .orElseThrow(() -> new LifecycleException("no evaluation #" + evaluationId));
        if (!evaluation.release().equals(release.name())) {
            throw new LifecycleException("evaluation #" + evaluationId + " belongs to release " + evaluation.release()
                    + ", not " + release.name());
        }
        store.decisionOn(evaluationId).ifPresent(d -> {
            throw new LifecycleException("evaluation #" + evaluationId + " was already decided by " + d.decidedBy()
                    + " at " + d.at() + " (" + (d.approved() ? "approved" : "rejected") + ")");
        });
        ReleaseState state = state();
        boolean current = state.stageActive() && state.phase() != Phase.COMPLETE && evaluation.stage().equals(state.stage());
        Verdict outcome = Decision.outcomeOf(evaluation.decision(), approve);
        return store.jdbi().inTransaction(h -> {
            Decision decision = ReleaseStore.insertDecision(h, evaluation, approve, by, reason);
            if (current && outcome == Verdict.ROLLBACK) {
                ReleaseStore.append(h, release.name(), EventKind.ROLLED_BACK, null, null, by,
                        "approved ROLLBACK of evaluation #" + evaluationId + ": " + reason, false);
            } else if (current && outcome == Verdict.ADVANCE && evaluation.stageNumber() == release.stages().size()) {
                ReleaseStore.append(h, release.name(), EventKind.COMPLETED, evaluation.stage(), evaluation.stageNumber(), by,
                        "approved ADVANCE of evaluation #" + evaluationId + ": " + reason, false);
            }
            return decision;
        });
    }

    /** Every symbol back to baseline at once: one INSERT, no rules, no metrics. */
    public ReleaseEvent rollback(String by, String reason) {
        return store.append(release.name(), EventKind.ROLLED_BACK, null, null, by, reason, drill);
    }

    public DesiredState desiredState() {
        return desiredState(state());
    }

    public DesiredState desiredState(ReleaseState state) {
        if (!state.stageActive()) {
            return new DesiredState(state, release.universe().stream().map(SymbolState::baseline).toList());
        }
        StageConfig stage = release.stages().get(state.stageNumber() - 1);
        var members = new Membership(release).members(stage.number());
        List<SymbolState> symbols = release.universe().stream()
                .map(s -> members.contains(s) ? new SymbolState(s, true, SymbolState.QUIET, stage.name(), stage.number(),
                        stage.hysteresis(), stage.activeMode(), stage.throttleInQuiet()) : SymbolState.baseline(s))
                .toList();
        return new DesiredState(state, symbols);
    }
}
