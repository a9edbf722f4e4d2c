package io.graygate.modeswitch;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code graygate tune} found: every pair's figures and the recommended pair, which keeps the most
 * symbol-days inside the target, then the fewest above the alert level, then the mean closest to the
 * target's middle, then the smaller min_active and min_quiet (the quicker reaction).
 *
 * @param id the stored tuning run's id, null before it is stored
 * @param activeThreshold the stage's enter threshold; every pair was replayed with it (it is not tuned)
 * @param quietThreshold  the stage's exit threshold, likewise
 */
public record TuningReport(Long id, String release, String stage, LocalDate from, LocalDate to, List<String> symbols,
                           double activeThreshold, double quietThreshold, long windowSeconds, SwitchTarget target,
                           TuningGrid grid, String rulesetSha256, List<PairResult> results) {

    public TuningReport {
        symbols = List.copyOf(symbols);
        results = List.copyOf(results);
    }

    public Optional<PairResult> recommended() {
        double middle = (target.low() + target.high()) / 2.0;
        return results.stream().filter(r -> r.symbolDays() > 0).min(Comparator
                .comparingInt(PairResult::inTarget).reversed()
                .thenComparingInt(PairResult::aboveAlert)
                .thenComparingDouble(r -> Math.abs(r.mean() - middle))
                .thenComparingInt(PairResult::minActive)
                .thenComparingInt(PairResult::minQuiet));
    }

    public TuningReport withId(long stored) {
        return new TuningReport(stored, release, stage, from, to, symbols, activeThreshold, quietThreshold,
                windowSeconds, target, grid, rulesetSha256, results);
    }
}
