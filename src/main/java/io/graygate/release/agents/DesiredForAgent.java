package io.graygate.release.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired state of one agent's symbols as the env file it should write: the lines (as {@code graygate state
 * --format env} prints them), their SHA-256, and whether that is the baseline.
 *
 * @param version the release's latest lifecycle event id (0 before any): the long poll waits for it to change
 */
public record DesiredForAgent(String release, String phase, String description, long version, List<String> symbols,
                              List<String> env, String hash, boolean baseline) {
    public DesiredForAgent {
        symbols = List.copyOf(symbols);
        env = List.copyOf(env);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("release", release);
        m.put("phase", phase);
        m.put("description", description);
        m.put("version", version);
        m.put("symbols", symbols);
        m.put("hash", hash);
        m.put("baseline", baseline);
        m.put("env", env);
        return m;
    }
}
