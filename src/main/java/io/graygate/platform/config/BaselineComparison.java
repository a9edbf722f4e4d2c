package io.graygate.platform.config;

import java.util.Locale;

/** How a metric is compared with its baseline: not at all, by its mean, or by its distribution. */
public enum BaselineComparison {
    NONE,
    MEAN,
    DISTRIBUTION;

    static BaselineComparison parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
