package io.graygate.reporting;

import io.graygate.platform.config.Hysteresis;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.ApplyResult;
import io.graygate.release.problems.Problem;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseState;
import io.graygate.release.SymbolState;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Mustache scope of the dashboard: every value formatted once, as text. */
final class DashboardView {
    /** Reasons shown per decision; the rest is counted (the stage report has them all). */
    private static final int REASONS_SHOWN = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private DashboardView() {
    }

    static Map<String, Object> of(Dashboard d) {
        ReleaseState r = d.state().release();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("release", r.release());
        v.put("phase", r.phase().name().replace('_', ' ').toLowerCase(Locale.ROOT));
        v.put("phaseClass", r.phase().name().toLowerCase(Locale.ROOT));
        v.put("stage", r.stage() == null ? "baseline" : "stage " + r.stageNumber() + ": " + r.stage());
        v.put("description", describe(r));
        v.put("awaiting", r.awaitingEvaluationId());
        List<SymbolState> symbols = d.state().symbols();
        v.put("symbols", symbols.stream().map(DashboardView::symbol).toList());
        v.put("symbolsInStage", symbols.stream().filter(SymbolState::dynamicModeEnabled).count());
        v.put("symbolCount", symbols.size());
        v.put("decisions", d.decisions().stream().map(DashboardView::decision).toList());
        v.put("hasDecisions", !d.decisions().isEmpty());
        v.put("problems", d.openProblems().stream().map(DashboardView::problem).toList());
        v.put("hasProblems", !d.openProblems().isEmpty());
        v.put("problemCount", d.openProblems().size());
        v.put("reports", d.reports().stream().map(DashboardView::report).toList());
        v.put("hasReports", !d.reports().isEmpty());
        v.put("agents", d.agents().stream().map(DashboardView::agent).toList());
        v.put("hasAgents", !d.agents().isEmpty());
        v.put("agentsInSync", d.agents().stream().filter(AgentStatus::inSync).count());
        v.put("agentCount", d.agents().size());
        v.put("readAt", time(d.readAt()));
        return v;
    }

    /** The latest transition: when, who and why. */
    private static String describe(ReleaseState r) {
        ReleaseEvent e = r.lastEvent();
        if (e == null) {
            return "No stage started: every symbol runs the baseline.";
        }
        String what = switch (r.phase()) {
            case ROLLED_BACK -> "Rolled back to the baseline";
            case COMPLETE -> "Complete";
            default -> "Started";
        };
        return what + " " + time(r.since()) + " by " + e.actor() + ": " + e.reason();
    }

    private static Map<String, Object> symbol(SymbolState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("mode", s.strategyMode());
        m.put("dynamic", s.dynamicModeEnabled() ? "dynamic" : "baseline");
        m.put("cls", s.dynamicModeEnabled() ? "in" : "out");
        Hysteresis h = s.hysteresis();
        m.put("hysteresis", h == null ? "" : "hysteresis " + h.minActiveWindows() + " active / " + h.minQuietWindows()
                + " quiet windows");
        m.put("throttle", s.throttleInQuiet() ? "throttled in quiet" : "");
        return m;
    }

    private static Map<String, Object> decision(DecisionLine e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.evaluationId());
        m.put("stage", e.stage());
        m.put("stageNumber", e.stageNumber());
        m.put("asOf", e.asOf());
        m.put("days", e.daysObserved() + " of " + e.observationDays() + " days");
        m.put("recommendation", e.recommendation());
        m.put("recClass", e.recommendation().toLowerCase(Locale.ROOT));
        m.put("reasons", e.reasons().stream().limit(REASONS_SHOWN).toList());
        int more = e.reasons().size() - REASONS_SHOWN;
        m.put("more", more > 0 ? "and " + more + " more" : null);
        m.put("ruling", ruling(e));
        m.put("rulingClass", e.approved() == null ? "pending" : e.approved() ? "approved" : "override");
        return m;
    }

    private static String ruling(DecisionLine e) {
        if (e.approved() == null) {
            return "no ruling by the decision meeting yet";
        }
        String verb = e.approved() ? "approved" : "rejected (override: " + e.outcome() + ")";
        return verb + " by " + e.decidedBy() + ": " + e.decisionReason();
    }

    /** One agent's desired against applied, with its last report's result. */
    private static Map<String, Object> agent(AgentStatus a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", a.instance());
        m.put("cls", a.overdue() || (a.lastReport() != null && a.lastReport().result() == ApplyResult.FAILED) ? "critical"
                : a.inSync() ? "ok" : "warning");
        m.put("sync", a.inSync() ? "applied" : "NOT applied, lag " + Math.round(a.lag().toMillis() / 1000.0) + " s");
        m.put("live", a.live() ? "live" : "not live since " + time(a.lastSeen()));
        m.put("desired", a.desiredHash().substring(0, 12) + (a.desiredBaseline() ? " (baseline)" : ""));
        m.put("applied", a.appliedHash() == null ? "none" : a.appliedHash().substring(0, 12));
        m.put("last", a.lastReport() == null ? "no report yet" : a.lastReport().result().name()
                + (a.lastReport().exitCode() == null ? "" : " exit " + a.lastReport().exitCode()) + " at "
                + time(a.lastReport().appliedAt()));
        m.put("detail", a.lastReport() == null ? "" : a.lastReport().detail());
        return m;
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("severity", p.severity().name());
        m.put("sevClass", p.severity().name().toLowerCase(Locale.ROOT));
        m.put("title", p.title());
        m.put("where", String.join(" · ", List.of(p.stage(), p.symbol(), p.metric()).stream().filter(s -> !s.isEmpty()).toList()));
        m.put("seen", p.firstSeen().equals(p.lastSeen()) ? "seen " + p.firstSeen()
                : "seen " + p.firstSeen() + " .. " + p.lastSeen() + " (" + p.sightings() + "×)");
        return m;
    }

    private static Map<String, Object> report(StoredReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", "/reports/" + r.id());
        m.put("label", r.kind().equals("release") ? "release report as of " + r.asOf()
                : "stage report, evaluation #" + r.evaluationIds().get(0));
        m.put("format", r.format().name().toUpperCase(Locale.ROOT));
        m.put("created", time(r.createdAt()));
        m.put("sha", r.sha256().substring(0, 12));
        return m;
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }
}
