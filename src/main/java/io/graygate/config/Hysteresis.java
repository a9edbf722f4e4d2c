package io.graygate.config;

/**
 * The mode switch's hysteresis for a stage.
 *
 * @param minActiveWindows consecutive active windows needed to switch to active
 * @param minQuietWindows  consecutive quiet windows needed to switch back to quiet
 * @param activeThreshold  a window is active when its activity reaches this value (default 0.6)
 * @param windowSeconds    the sampling interval of {@code activity}: one sample is one window (default 300)
 */
public record Hysteresis(int minActiveWindows, int minQuietWindows, double activeThreshold, int windowSeconds) {
}
