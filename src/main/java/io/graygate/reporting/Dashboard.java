package io.graygate.reporting;

import io.graygate.release.problems.Problem;
import io.graygate.release.DesiredState;

import io.graygate.release.agents.AgentStatus;

import java.time.Instant;
import java.util.List;

/**
 * What the web page shows, read in one go: the release's state and per-symbol desired state, the latest
 * evaluations with the reasons for their decisions, the open problems and the stored reports.
 */
public record Dashboard(DesiredState state, List<DecisionLine> decisions, List<Problem> openProblems,
                        List<StoredReport> reports, List<AgentStatus> agents, Instant readAt) {
    public Dashboard {
        agents = List.copyOf(agents);
        decisions = List.copyOf(decisions);
        openProblems = List.copyOf(openProblems);
        reports = List.copyOf(reports);
    }
}
