package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.intake.InputFormat;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import io.graygate.release.Decision;
import io.graygate.release.DesiredState;
import io.graygate.release.Lifecycle;
import io.graygate.release.LifecycleException;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.release.StateView;
import io.graygate.rules.reload.LiveRuleSet;
import io.graygate.rules.RuleCheck;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The /api endpoints and the role each needs. */
final class Routes {
    private static final int MAX_LIST = 500;

    private final ReleaseConfig release;
    private final Lifecycle lifecycle;
    private final Ingester ingester;
    private final EvaluationQueries evaluations;
    private final Path rulesDir;
    private final ServiceMetrics metrics;
    private final RulesEndpoints rules;
    private final Fleet fleet;

    Routes(ReleaseConfig release, Database db, LiveRuleSet liveRules, ServiceMetrics metrics, Fleet fleet) {
        this.fleet = fleet;
        this.release = release;
        this.rulesDir = liveRules.rulesDir();
        this.lifecycle = Lifecycle.standard(release, new ReleaseStore(db.jdbi()), rulesDir);
        this.ingester = new Ingester(db.jdbi(), release.catalogue());
        this.evaluations = new EvaluationQueries(db.jdbi());
        this.metrics = metrics;
        this.rules = new RulesEndpoints(liveRules);
    }

    void register(Javalin app) {
        app.get("/api/state", this::state, Access.VIEWER);
        app.get("/api/evaluations", this::listEvaluations, Access.VIEWER);
        app.get("/api/evaluations/{id}", this::readEvaluation, Access.VIEWER);
        app.post("/api/evaluations/{id}/decision", this::decide, Access.OPERATOR);
        app.post("/api/stages/{stage}/start", this::startStage, Access.OPERATOR);
        app.post("/api/rollback", this::rollback, Access.OPERATOR);
        app.post("/api/samples", this::pushSamples, Access.INGEST);
        app.get("/api/rules/check", this::rulesCheck, Access.ANALYST);
        app.get("/api/rules", rules::show, Access.VIEWER);
        app.post("/api/rules/reload", rules::reload, Access.ANALYST);
    }

    private void state(Context ctx) {
        DesiredState state = lifecycle.desiredState();
        try {
            Map<String, Object> body = StateView.json(state, StateView.select(state, ctx.queryParam("symbol")));
            body.put("agents", fleet.statuses().stream().map(AgentStatus::toJson).toList());
            ApiServer.json(ctx, 200, body);
        } catch (LifecycleException e) {
            throw new ApiException(404, e.getMessage());
        }
    }

    private void listEvaluations(Context ctx) {
        int limit = intParam(ctx.queryParam("limit"), 50);
        if (limit < 1 || limit > MAX_LIST) {
            throw new ApiException(400, "limit must be 1.." + MAX_LIST);
        }
        ApiServer.json(ctx, 200, evaluations.list(release.name(), limit));
    }

    private void readEvaluation(Context ctx) {
        long id = idParam(ctx);
        ApiServer.json(ctx, 200, evaluations.read(id).orElseThrow(() -> new ApiException(404, "no evaluation #" + id)));
    }

    private void decide(Context ctx) {
        long id = idParam(ctx);
        JsonNode body = body(ctx);
        JsonNode approve = body.get("approve");
        if (approve == null || !approve.isBoolean()) {
            throw new ApiException(400, "body needs \"approve\": true or false");
        }
        if (evaluations.read(id).isEmpty()) {
            throw new ApiException(404, "no evaluation #" + id);
        }
        Decision decision = lifecycle.decide(id, approve.asBoolean(), TokenAuth.actor(ctx), reason(body));
        ApiServer.json(ctx, 201, decision);
    }

    private void startStage(Context ctx) {
        String stage = ctx.pathParam("stage");
        if (release.stage(stage).isEmpty()) {
            throw new ApiException(404, "no stage named " + stage);
        }
        ReleaseEvent event = lifecycle.startStage(stage, TokenAuth.actor(ctx), reason(body(ctx)));
        ApiServer.json(ctx, 201, event);
    }

    /**
     * {@code POST /api/rollback[?wait=SECONDS]}: with a wait, answers once every live agent reported the baseline
     * applied (or the wait ran out), with the time to effective and the agents that did not apply it.
     */
    private void rollback(Context ctx) throws InterruptedException {
        int wait = waitSeconds(ctx.queryParam("wait"));
        String reason = reason(body(ctx));
        long started = System.nanoTime();
        ReleaseEvent event = lifecycle.rollback(TokenAuth.actor(ctx), reason);
        metrics.rollback();
        if (wait == 0) {
            ApiServer.json(ctx, 201, event);
            return;
        }
        Fleet.Effective effective = fleet.awaitBaseline(event, Duration.ofSeconds(wait));
        Map<String, Object> body = Json.MAPPER.convertValue(event, Json.MAPPER.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        body.put("effective", effective.effective());
        body.put("secondsToEffective", effective.effective() ? (System.nanoTime() - started) / 1e9 : null);
        body.put("applied", effective.applied());
        body.put("notApplied", effective.missing().stream().map(AgentStatus::toJson).toList());
        body.put("notLive", effective.notLive());
        ApiServer.json(ctx, 201, body);
    }

    /** The most a rollback call waits for its agents, in seconds. */
    static final int MAX_ROLLBACK_WAIT = 120;

    private static int waitSeconds(String param) {
        try {
            int wait = param == null ? 0 : Integer.parseInt(param);
            if (wait < 0 || wait > MAX_ROLLBACK_WAIT) {
                throw new NumberFormatException();
            }
            return wait;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "wait must be 0.." + MAX_ROLLBACK_WAIT + " seconds");
        }
    }

    private void pushSamples(Context ctx) {
        IngestReport report = ingester.ingest("api:" + TokenAuth.actor(ctx), InputFormat.JSONL, ctx.bodyInputStream());
        metrics.samples(report.accepted(), report.rejected());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ingestId", report.ingestId());
        body.put("lines", report.lines());
        body.put("accepted", report.accepted());
        body.put("duplicates", report.duplicates());
        body.put("conflicts", report.conflicts());
        body.put("rejected", report.rejected());
        body.put("rejections", report.rejections().stream().map(r -> Map.of("line", r.line(), "reason", r.reason())).toList());
        ApiServer.json(ctx, report.rejected() == 0 ? 200 : 422, body);
    }

    private void rulesCheck(Context ctx) {
        RuleCheck check = RuleLoader.check(rulesDir);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("compiles", check.ruleSet().isPresent());
        body.put("sha256", check.ruleSet().map(r -> r.sha256()).orElse(null));
        body.put("problems", check.problems().stream().map(Object::toString).toList());
        ApiServer.json(ctx, 200, body);
    }

    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (!node.isObject()) {
                throw new ApiException(400, "body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, "body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String reason(JsonNode body) {
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new ApiException(400, "body needs a non-empty \"reason\"");
        }
        return reason.asText();
    }

    private static long idParam(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "evaluation id must be a number, got '" + ctx.pathParam("id") + "'");
        }
    }

    private static int intParam(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "expected a number, got '" + text + "'");
        }
    }
}
