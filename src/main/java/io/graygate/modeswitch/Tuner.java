package io.graygate.modeswitch;

import io.graygate.platform.config.StageConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a stage's stored activity through the hysteresis rules for every pair of a grid. The runs
 * depend only on the threshold and the window length, so they are read from PostgreSQL once.
 */
public final class Tuner {
    private final ModeReplayer replayer;

    public Tuner(ModeReplayer replayer) {
        this.replayer = replayer;
    }

    public TuningReport tune(String release, StageConfig stage, LocalDate from, LocalDate to, SwitchTarget target,
                             TuningGrid grid) {
        HysteresisParams base = HysteresisParams.of(stage.hysteresis());
        ModeReplayer.LoadedRuns runs = replayer.load(stage.symbols(), base, from, to);
        List<PairResult> results = new ArrayList<>();
        for (int a = grid.activeFrom(); a <= grid.activeTo(); a++) {
            for (int q = grid.quietFrom(); q <= grid.quietTo(); q++) {
                results.add(PairResult.of(a, q, replayer.replay(runs, base.withWindows(a, q)), target));
            }
        }
        return new TuningReport(null, release, stage.name(), from, to, stage.symbols(), base.activeThreshold(),
                base.quietThreshold(), base.window().toSeconds(), target, grid, replayer.rules().sha256(), results);
    }
}
