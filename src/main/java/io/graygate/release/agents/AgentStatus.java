package io.graygate.release.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Desired against applied for one agent.
 *
 * @param appliedHash the state of its newest report whose apply went through (null before any)
 * @param lag         zero when in sync; otherwise how long the desired state has been in force without it
 * @param overdue     live, not in sync, and lagging more than the policy's apply limit
 * @param lastReport  its newest report of any result (a failed apply shows here), null before any
 */
public record AgentStatus(String instance, List<String> symbols, Instant lastSeen, boolean live, String desiredHash,
                          boolean desiredBaseline, String appliedHash, boolean inSync, Duration lag, boolean overdue,
                          AgentReport lastReport) {
    public AgentStatus {
        symbols = List.copyOf(symbols);
    }

    /** One line for people: instance, sync, lag, last result. */
    public String describe() {
        String sync = inSync ? "in sync" : "NOT in sync for " + seconds(lag);
        String last = lastReport == null ? "no report yet" : "last report " + lastReport.result()
                + (lastReport.exitCode() == null ? "" : " exit " + lastReport.exitCode()) + " applied at " + lastReport.appliedAt();
        return instance + ": " + (live ? "live" : "not live (last seen " + lastSeen + ")") + ", " + sync
                + ", desired " + shortHash(desiredHash) + (desiredBaseline ? " (baseline)" : "")
                + ", applied " + shortHash(appliedHash) + ", " + last;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", instance);
        m.put("symbols", symbols);
        m.put("live", live);
        m.put("lastSeen", lastSeen);
        m.put("desiredHash", desiredHash);
        m.put("desiredBaseline", desiredBaseline);
        m.put("appliedHash", appliedHash);
        m.put("inSync", inSync);
        m.put("lagSeconds", lag.toMillis() / 1000.0);
        m.put("overdue", overdue);
        if (lastReport != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", lastReport.id());
            r.put("result", lastReport.result().name());
            r.put("stateHash", lastReport.stateHash());
            r.put("baseline", lastReport.baseline());
            r.put("exitCode", lastReport.exitCode());
            r.put("output", lastReport.output());
            r.put("detail", lastReport.detail());
            r.put("appliedAt", lastReport.appliedAt());
            r.put("receivedAt", lastReport.receivedAt());
            m.put("lastReport", r);
        } else {
            m.put("lastReport", null);
        }
        return m;
    }

    static String shortHash(String hash) {
        return hash == null ? "none" : hash.substring(0, 12);
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
