package io.graygate.config;

import java.util.List;

/** {@code graygate serve}'s settings: where to listen, the tokens it accepts, and its web page. */
public record ServiceConfig(String host, int port, List<ServiceToken> tokens, PageSettings page) {
    public ServiceConfig {
        tokens = List.copyOf(tokens);
    }

    public ServiceConfig(String host, int port, List<ServiceToken> tokens) {
        this(host, port, tokens, PageSettings.DEFAULTS);
    }
}
