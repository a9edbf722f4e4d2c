package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

import java.time.Duration;
import java.time.Instant;

/**
 * The mode switch's parameters as the hysteresis rules see them (one fact per session).
 *
 * @param minActiveWindows consecutive active windows needed to switch to active
 * @param minQuietWindows  consecutive quiet windows needed to switch back to quiet
 * @param activeThreshold  a window is active when its activity reaches this value
 * @param quietThreshold   a window is quiet when its activity is below this value (at most activeThreshold;
 *                         windows in between build no streak toward a switch)
 * @param window           the sampling interval of {@code activity}: one sample is one window
 */
@RuleFact
public record HysteresisParams(int minActiveWindows, int minQuietWindows, double activeThreshold,
                               double quietThreshold, Duration window) {

    public HysteresisParams {
        if (minActiveWindows < 1 || minQuietWindows < 1) {
            throw new IllegalArgumentException("min_active_windows and min_quiet_windows must be at least 1");
        }
        if (!(quietThreshold <= activeThreshold)) {
            throw new IllegalArgumentException("quiet_threshold " + quietThreshold
                    + " must not exceed active_threshold " + activeThreshold);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window length must be positive, got " + window);
        }
    }

    /** One threshold for both directions: every window is active or quiet. */
    public HysteresisParams(int minActiveWindows, int minQuietWindows, double activeThreshold, Duration window) {
        this(minActiveWindows, minQuietWindows, activeThreshold, activeThreshold, window);
    }

    public static HysteresisParams of(io.graygate.platform.config.Hysteresis config) {
        return new HysteresisParams(config.minActiveWindows(), config.minQuietWindows(), config.activeThreshold(),
                config.quietThreshold(), Duration.ofSeconds(config.windowSeconds()));
    }

    public HysteresisParams withWindows(int minActive, int minQuiet) {
        return new HysteresisParams(minActive, minQuiet, activeThreshold, quietThreshold, window);
    }

    public Band bandOf(double activity) {
        if (activity >= activeThreshold) {
            return Band.ACTIVE;
        }
        return activity < quietThreshold ? Band.QUIET : Band.BETWEEN;
    }

    /** The start of the {@code n}-th window (1-based) of a streak that began at {@code streakStart}. */
    public Instant windowAt(Instant streakStart, int n) {
        return streakStart.plus(window.multipliedBy(n - 1L));
    }

    /** Whether a window starting at {@code next} directly follows one starting at {@code last} (no gap). */
    public boolean follows(Instant last, Instant next) {
        return last != null && next.isAfter(last) && !next.isAfter(last.plus(window));
    }
}
