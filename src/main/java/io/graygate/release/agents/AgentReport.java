package io.graygate.release.agents;

import java.time.Instant;
import java.util.List;

/** One stored agent report ({@code agent_report}); {@code baseline} is the service's finding, not the agent's word. */
public record AgentReport(long id, String release, String instance, String stateHash, List<String> symbols, boolean baseline,
                          ApplyResult result, Integer exitCode, String output, String detail, Instant appliedAt,
                          Instant receivedAt, String reportedBy) {
    public AgentReport {
        symbols = List.copyOf(symbols);
    }
}
