package io.graygate.hysteresis;

import org.kie.api.definition.type.ClassReactive;

import java.time.Instant;

/**
 * One symbol's hysteresis state, replaced (never changed) by the rules as runs arrive.
 *
 * @param streakActive whether the current streak is of active windows
 * @param streak       windows in the current streak (consecutive, same side, no gap)
 * @param streakStart  start of the streak's first window
 * @param lastWindow   start of the last window seen, null before the first
 * @param lastSwitch   when the mode last switched, null if never
 *
 * <p>Class-reactive: its facts are never modified in place (the rules delete and insert them), and the
 * rules' constraints call methods with facts of other patterns.
 */
@ClassReactive
public record ModeState(String symbol, Mode mode, boolean streakActive, int streak, Instant streakStart,
                        Instant lastWindow, Instant lastSwitch) {

    public static ModeState initial(String symbol) {
        return new ModeState(symbol, Mode.QUIET, false, 0, null, null, null);
    }

    /** Whether {@code run} carries on the current streak: same side and no gap before it. */
    public boolean continuedBy(ActivityRun run, HysteresisParams params) {
        return streak > 0 && run.active() == streakActive && params.follows(lastWindow, run.startTs());
    }

    public ModeState extendedBy(ActivityRun run) {
        return new ModeState(symbol, mode, streakActive, streak + run.windows(), streakStart, run.endTs(), lastSwitch);
    }

    public ModeState restartedBy(ActivityRun run) {
        return new ModeState(symbol, mode, run.active(), run.windows(), run.startTs(), run.endTs(), lastSwitch);
    }

    public ModeState switchedTo(Mode to, Instant at) {
        return new ModeState(symbol, to, streakActive, streak, streakStart, lastWindow, at);
    }
}
