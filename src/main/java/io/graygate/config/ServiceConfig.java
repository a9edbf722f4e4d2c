package io.graygate.config;

import java.util.List;

/** {@code graygate serve}'s settings: where to listen, the tokens it accepts, and its daily evaluation schedule. */
public record ServiceConfig(String host, int port, List<ServiceToken> tokens, ScheduleConfig schedule) {
    public ServiceConfig {
        tokens = List.copyOf(tokens);
    }

    /** Without a schedule: the service evaluates nothing by itself. */
    public ServiceConfig(String host, int port, List<ServiceToken> tokens) {
        this(host, port, tokens, ScheduleConfig.disabled());
    }
}
