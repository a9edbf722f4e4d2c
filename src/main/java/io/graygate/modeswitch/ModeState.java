package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

import org.kie.api.definition.type.ClassReactive;

import java.time.Instant;

/**
 * One symbol's hysteresis state, replaced (never changed) by the rules as runs arrive.
 *
 * @param streakBand   the band of the current streak's windows (null before the first window)
 * @param streak       windows in the current streak (consecutive, same band, no gap)
 * @param streakStart  start of the streak's first window
 * @param lastWindow   start of the last window seen, null before the first
 * @param lastSwitch   when the mode last switched, null if never
 *
 * <p>Class-reactive: its facts are never modified in place (the rules delete and insert them), and the
 * rules' constraints call methods with facts of other patterns.
 */
@ClassReactive
@RuleFact
public record ModeState(String symbol, Mode mode, Band streakBand, int streak, Instant streakStart,
                        Instant lastWindow, Instant lastSwitch) {

    public static ModeState initial(String symbol) {
        return new ModeState(symbol, Mode.QUIET, null, 0, null, null, null);
    }

    /** Whether {@code run} carries on the current streak: same band and no gap before it. */
    public boolean continuedBy(ActivityRun run, HysteresisParams params) {
        return streak > 0 && run.band() == streakBand && params.follows(lastWindow, run.startTs());
    }

    public ModeState extendedBy(ActivityRun run) {
        return new ModeState(symbol, mode, streakBand, streak + run.windows(), streakStart, run.endTs(), lastSwitch);
    }

    public ModeState restartedBy(ActivityRun run) {
        return new ModeState(symbol, mode, run.band(), run.windows(), run.startTs(), run.endTs(), lastSwitch);
    }

    public ModeState switchedTo(Mode to, Instant at) {
        return new ModeState(symbol, to, streakBand, streak, streakStart, lastWindow, at);
    }
}
