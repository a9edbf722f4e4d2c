package io.graygate.modeswitch;

import java.time.Instant;
import java.util.Optional;

/**
 * The same hysteresis as {@code rules/hysteresis.drl}, as a window-by-window state machine for one symbol:
 * the oracle of the property tests and the baseline of the benchmark. A Schmitt trigger: windows at or above
 * active_threshold build the streak toward active, windows below quiet_threshold the streak toward quiet, and
 * windows in between break either streak. A gap in the samples (a window starting more than one window length
 * after the previous one) ends the streak; it never counts as windows.
 */
public final class PlainHysteresis {
    private final String symbol;
    private final HysteresisParams params;
    private Mode mode = Mode.QUIET;
    private Band streakBand;
    private int streak;
    private Instant last;

    public PlainHysteresis(String symbol, HysteresisParams params) {
        this.symbol = symbol;
        this.params = params;
    }

    public Optional<ModeSwitch> step(Instant ts, double activity) {
        return stepWindow(ts, params.bandOf(activity));
    }

    /** One window, already classified; windows must come in time order. */
    public Optional<ModeSwitch> stepWindow(Instant ts, Band band) {
        if (streak > 0 && band == streakBand && params.follows(last, ts)) {
            streak++;
        } else {
            streakBand = band;
            streak = 1;
        }
        last = ts;
        if (streakBand == Band.BETWEEN) {
            return Optional.empty();
        }
        Mode wanted = streakBand == Band.ACTIVE ? Mode.ACTIVE : Mode.QUIET;
        int needed = wanted == Mode.ACTIVE ? params.minActiveWindows() : params.minQuietWindows();
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
