package io.graygate.release.agents;

import java.util.List;

/**
 * The desired state of one agent's symbols as the env file it should write: the lines (as {@code graygate state
 * --format env} prints them), their SHA-256, and whether that is the baseline.
 *
 * Served as JSON as it is (record components are the wire names).
 *
 * @param version the release's latest lifecycle event id (0 before any): the long poll waits for it to change
 */
public record DesiredForAgent(String release, String phase, String description, long version, List<String> symbols,
                              List<String> env, String hash, boolean baseline) {
    public DesiredForAgent {
        symbols = List.copyOf(symbols);
        env = List.copyOf(env);
    }
}
