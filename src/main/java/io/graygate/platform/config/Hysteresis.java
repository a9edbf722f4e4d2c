package io.graygate.platform.config;

/**
 * The mode switch's hysteresis for a stage.
 *
 * @param minActiveWindows consecutive active windows needed to switch to active
 * @param minQuietWindows  consecutive quiet windows needed to switch back to quiet
 * @param activeThreshold  a window is active when its activity reaches this value (default 0.6)
 * @param quietThreshold   a window is quiet when its activity is below this value (default: activeThreshold;
 *                         never above it); windows in between build no streak toward a switch
 * @param windowSeconds    the sampling interval of {@code activity}: one sample is one window (default 300)
 */
public record Hysteresis(int minActiveWindows, int minQuietWindows, double activeThreshold,
                         double quietThreshold, int windowSeconds) {
}
