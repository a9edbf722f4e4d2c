package io.graygate.release;

import io.graygate.config.ReleaseConfig;
import io.graygate.config.StageConfig;

import java.util.List;

/**
 * Stage N > 1: the release is in stage N-1 (not rolled back) and the decision meeting approved an ADVANCE
 * on an evaluation of stage N-1 made since that stage started. Stage 1 may only start from baseline or
 * after a rollback.
 */
public final class PreviousStageApproved implements EntryCheck {
    private final ReleaseConfig release;
    private final ReleaseStore store;

    public PreviousStageApproved(ReleaseConfig release, ReleaseStore store) {
        this.release = release;
        this.store = store;
    }

    @Override
    public List<String> unmet(StageConfig stage, ReleaseState state) {
        if (stage.number() == 1) {
            return state.phase() == Phase.BASELINE || state.phase() == Phase.ROLLED_BACK ? List.of()
                    : List.of("the release is not at baseline: " + state.describe() + " (roll back first to restart stage 1)");
        }
        StageConfig previous = release.stages().get(stage.number() - 2);
        if (!state.stageActive() || state.stageNumber() != previous.number() || state.phase() == Phase.COMPLETE) {
            return List.of("stage " + previous.number() + " (" + previous.name() + ") is not the running stage: "
                    + state.describe());
        }
        if (store.approvedAdvance(state.release(), previous.name(), state.since()).isEmpty()) {
            return List.of("no approved ADVANCE decision for stage " + previous.number() + " (" + previous.name()
                    + ") since it started; run graygate decide on its evaluation");
        }
        return List.of();
    }
}
