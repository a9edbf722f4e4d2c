package io.graygate.hysteresis;

import java.time.Instant;
import java.util.Optional;

/**
 * The same hysteresis as {@code rules/hysteresis.drl}, as a window-by-window state machine for one symbol:
 * the oracle of the property tests and the baseline of the benchmark. A gap in the samples (a window
 * starting more than one window length after the previous one) ends the streak; it never counts as windows.
 */
public final class PlainHysteresis {
    private final String symbol;
    private final HysteresisParams params;
    private Mode mode = Mode.QUIET;
    private boolean streakActive;
    private int streak;
    private Instant last;

    public PlainHysteresis(String symbol, HysteresisParams params) {
        this.symbol = symbol;
        this.params = params;
    }

    public Optional<ModeSwitch> step(Instant ts, double activity) {
        return stepWindow(ts, params.isActive(activity));
    }

    /** One window, already classified; windows must come in time order. */
    public Optional<ModeSwitch> stepWindow(Instant ts, boolean active) {
        if (streak > 0 && active == streakActive && params.follows(last, ts)) {
            streak++;
        } else {
            streakActive = active;
            streak = 1;
        }
        last = ts;
        Mode wanted = streakActive ? Mode.ACTIVE : Mode.QUIET;
        int needed = streakActive ? params.minActiveWindows() : params.minQuietWindows();
        if (wanted == mode || streak < needed) {
            return Optional.empty();
        }
        ModeSwitch change = new ModeSwitch(symbol, ts, mode, wanted);
        mode = wanted;
        return Optional.of(change);
    }

    public Mode mode() {
        return mode;
    }
}
