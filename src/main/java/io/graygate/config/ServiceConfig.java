package io.graygate.config;

import java.util.List;

/** {@code graygate serve}'s settings: where to listen and the tokens it accepts. */
public record ServiceConfig(String host, int port, List<ServiceToken> tokens) {
    public ServiceConfig {
        tokens = List.copyOf(tokens);
    }
}
