package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

import java.time.Instant;

/**
 * Consecutive windows of one symbol in the same {@link Band} of the thresholds, with no gap between them
 * (an island of the gaps-and-islands query). A single window in streaming use is a run of one.
 *
 * @param startTs start of the first window
 * @param endTs   start of the last window
 * @param windows how many windows (samples) the run holds
 */
@RuleFact
public record ActivityRun(String symbol, Band band, Instant startTs, Instant endTs, int windows) {

    public static ActivityRun single(String symbol, Band band, Instant ts) {
        return new ActivityRun(symbol, band, ts, ts, 1);
    }

    /** Whether the run's windows reach the active threshold. */
    public boolean active() {
        return band == Band.ACTIVE;
    }
}
