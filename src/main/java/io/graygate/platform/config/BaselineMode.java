package io.graygate.platform.config;

import java.util.Locale;

/**
 * How a stage's baseline is formed.
 * CONTROL_GROUP: symbols outside the stage, same window (metrics that carry no symbol fall back to the
 * reference window, since there is no control group for them). REFERENCE_WINDOW: the stage's own symbols
 * in a window before the stage.
 */
public enum BaselineMode {
    CONTROL_GROUP,
    REFERENCE_WINDOW;

    static BaselineMode parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
