package io.graygate.modeswitch;

import java.util.Arrays;
import java.util.List;

/**
 * One parameter pair replayed over the history: switches per symbol-day summarised.
 *
 * @param inTarget   symbol-days whose switches are inside the target
 * @param aboveAlert symbol-days above the alert level
 */
public record PairResult(int minActive, int minQuiet, int symbolDays, double mean, double p95, int max, int inTarget,
                         int aboveAlert) {

    public static PairResult of(int minActive, int minQuiet, List<SwitchDay> days, SwitchTarget target) {
        int[] counts = days.stream().mapToInt(SwitchDay::switches).sorted().toArray();
        if (counts.length == 0) {
            return new PairResult(minActive, minQuiet, 0, 0, 0, 0, 0, 0);
        }
        int rank = (int) Math.ceil(0.95 * counts.length);   // nearest rank
        int inTarget = (int) Arrays.stream(counts).filter(target::contains).count();
        int above = (int) Arrays.stream(counts).filter(c -> c > target.alertAbove()).count();
        return new PairResult(minActive, minQuiet, counts.length, Arrays.stream(counts).average().orElse(0),
                counts[rank - 1], counts[counts.length - 1], inTarget, above);
    }

    public double shareInTarget() {
        return symbolDays == 0 ? 0 : (double) inTarget / symbolDays;
    }
}
