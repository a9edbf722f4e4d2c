package io.graygate.platform.config;

import java.util.List;

/**
 * {@code graygate serve}'s settings: where to listen, the tokens it accepts, its web page, how it reloads rules and
 * its daily evaluation schedule.
 */
public record ServiceConfig(String host, int port, List<ServiceToken> tokens, PageSettings page, RulesReload rulesReload,
                            ScheduleConfig schedule) {
    public ServiceConfig {
        tokens = List.copyOf(tokens);
    }

    /** Without a schedule (the service evaluates nothing by itself), the default page and rules reload. */
    public ServiceConfig(String host, int port, List<ServiceToken> tokens) {
        this(host, port, tokens, PageSettings.DEFAULTS, RulesReload.DEFAULT, ScheduleConfig.disabled());
    }

    /**
     * The {@code rules:} section: whether {@code serve} watches the rules directory and how often it looks.
     *
     * @param watch       poll the rules directory and reload on a change ({@code reload})
     * @param pollSeconds seconds between polls ({@code poll_seconds}); a change is acted on after two equal polls
     */
    public record RulesReload(boolean watch, int pollSeconds) {
        public static final RulesReload DEFAULT = new RulesReload(true, 2);
    }
}
