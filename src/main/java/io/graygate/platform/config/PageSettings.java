package io.graygate.platform.config;

import java.time.Duration;

/**
 * The web page of {@code graygate serve}: how often it reloads itself and how long a browser login lasts.
 *
 * @param refreshSeconds the page reloads itself after this many seconds
 * @param sessionTtl     a browser session ends this long after login, whatever it did meanwhile
 */
public record PageSettings(int refreshSeconds, Duration sessionTtl) {
    public static final PageSettings DEFAULTS = new PageSettings(30, Duration.ofHours(12));
}
