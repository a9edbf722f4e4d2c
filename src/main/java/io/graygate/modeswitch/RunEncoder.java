package io.graygate.modeswitch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run-length encodes one symbol's windows in Java, the same way {@link ActivityRuns} does in SQL: a run
 * ends where the band of the thresholds changes or where a gap in the samples lies.
 */
public final class RunEncoder {
    private final String symbol;
    private final HysteresisParams params;
    private final List<ActivityRun> runs = new ArrayList<>();
    private ActivityRun open;

    public RunEncoder(String symbol, HysteresisParams params) {
        this.symbol = symbol;
        this.params = params;
    }

    /** Windows in time order. */
    public void add(Instant ts, Band band) {
        if (open != null && open.band() == band && params.follows(open.endTs(), ts)) {
            open = new ActivityRun(symbol, band, open.startTs(), ts, open.windows() + 1);
            return;
        }
        if (open != null) {
            runs.add(open);
        }
        open = ActivityRun.single(symbol, band, ts);
    }

    public List<ActivityRun> finish() {
        if (open != null) {
            runs.add(open);
            open = null;
        }
        return List.copyOf(runs);
    }
}
