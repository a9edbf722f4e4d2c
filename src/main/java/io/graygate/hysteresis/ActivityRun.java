package io.graygate.hysteresis;

import java.time.Instant;

/**
 * Consecutive windows of one symbol on the same side of the active threshold, with no gap between them
 * (an island of the gaps-and-islands query). A single window in streaming use is a run of one.
 *
 * @param startTs start of the first window
 * @param endTs   start of the last window
 * @param windows how many windows (samples) the run holds
 */
public record ActivityRun(String symbol, boolean active, Instant startTs, Instant endTs, int windows) {

    public static ActivityRun single(String symbol, boolean active, Instant ts) {
        return new ActivityRun(symbol, active, ts, ts, 1);
    }
}
