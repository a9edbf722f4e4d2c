package io.graygate.service;

import io.graygate.rules.reload.LiveRuleSet;
import io.graygate.rules.reload.LiveRules;
import io.graygate.rules.reload.RefusedCandidate;
import io.graygate.rules.reload.ReloadResult;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/rules} (the live rule set and the last refused candidate) and {@code POST /api/rules/reload}. */
final class RulesEndpoints {
    private final LiveRuleSet liveRules;

    RulesEndpoints(LiveRuleSet liveRules) {
        this.liveRules = liveRules;
    }

    void show(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("live", liveRules.live().map(RulesEndpoints::live).orElse(null));
        body.put("lastRefused", liveRules.lastRefused().map(RulesEndpoints::refused).orElse(null));
        ApiServer.json(ctx, 200, body);
    }

    /** 200 when swapped in or unchanged, 422 when refused; the body says which and why. */
    void reload(Context ctx) {
        ReloadResult result = liveRules.reload("serve:reload (" + TokenAuth.actor(ctx) + ")");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        body.put("candidateSha256", result.candidateSha256());
        body.put("liveSha256", result.liveSha256());
        body.put("problems", result.problems());
        ApiServer.json(ctx, result.outcome() == ReloadResult.Outcome.REFUSED ? 422 : 200, body);
    }

    private static Map<String, Object> live(LiveRules live) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sha256", live.ruleSet().sha256());
        body.put("loadedAt", live.loadedAt().toString());
        body.put("loadedBy", live.loadedBy());
        body.put("files", live.ruleSet().files().stream().map(f -> f.name()).toList());
        body.put("rules", live.ruleSet().rules().size());
        return body;
    }

    private static Map<String, Object> refused(RefusedCandidate refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sha256", refused.sha256());
        body.put("at", refused.at().toString());
        body.put("requestedBy", refused.requestedBy());
        body.put("problems", refused.problems());
        return body;
    }
}
