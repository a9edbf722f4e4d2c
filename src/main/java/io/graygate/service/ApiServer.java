package io.graygate.service;

import io.graygate.alerting.AlertStore;
import io.graygate.platform.config.ConfigException;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.intake.IngestException;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.Fleet;
import io.graygate.release.LifecycleException;
import io.graygate.rules.reload.LiveRuleSet;
import io.graygate.service.schedule.ScheduleStatus;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code graygate serve}: the HTTP API (JSON), readiness, and Prometheus metrics, on Javalin. Every read
 * goes to the database, so a rollback by any instance or the CLI is visible on the next request.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String STARTED = "graygate.started";

    private final Javalin app;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final Database db;
    private final LiveRuleSet liveRules;
    private final ReleaseEventWatch watch;

    /** With its own live rule set, loaded now (tests, and callers that do not share the set). */
    public ApiServer(ServiceConfig config, ReleaseConfig release, Database db, Path rulesDir) {
        this(config, release, db, LiveRuleSet.load(rulesDir, release, db.jdbi(), List.of(), "serve:start"));
    }

    public ApiServer(ServiceConfig config, ReleaseConfig release, Database db, LiveRuleSet liveRules) {
        this.db = db;
        this.liveRules = liveRules;
        TokenAuth auth = new TokenAuth(config.tokens());
        Fleet fleet = new Fleet(release, db.jdbi(), AgentPolicy.DEFAULT, Clock.systemUTC());
        this.watch = new ReleaseEventWatch(fleet);
        AgentRoutes agents = new AgentRoutes(fleet, watch);
        Routes routes = new Routes(release, db, liveRules, metrics, fleet);
        ReleaseGauges gauges = new ReleaseGauges(release, db.jdbi(), fleet);
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.beforeMatched(auth::check);
        app.after(this::recordRequest);
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.reasons()));
        app.exception(LifecycleException.class, (e, ctx) -> error(ctx, 409, "refused", e.reasons().isEmpty()
                ? List.of(e.getMessage()) : e.reasons()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), List.of()));
        app.exception(IngestException.class, (e, ctx) -> error(ctx, e.databaseFailed() ? 503 : 400, e.getMessage(), List.of()));
        app.exception(ConfigException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getMessage(), List.of());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
            }
        });
        app.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")), Access.PUBLIC);
        app.get("/ready", this::ready, Access.PUBLIC);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape(gauges)),
                Access.PUBLIC);
        routes.register(app);
        agents.register(app);
        new MeetingRoutes(release, db).register(app);
        new PageRoutes(release, db, auth, config.page()).register(app);
        new AlertRoutes(release.name(), new AlertStore(db.jdbi()), Clock.systemUTC()).register(app);
        ScheduleStatus schedule = new ScheduleStatus(db.jdbi());
        app.get("/api/schedule", ctx -> json(ctx, 200, schedule.read(release.name(), config.schedule())), Access.VIEWER);
    }

    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void ready(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean dbOk = databaseAnswers();
        checks.put("database", dbOk ? "ok" : "unreachable");
        // The live set was checked when it went live; a refused candidate since then does not unready the service.
        boolean rulesLive = liveRules.live().isPresent();
        checks.put("rules", rulesLive ? "ok " + liveRules.get().sha256() : "no rule set is live: "
                + liveRules.lastRefused().map(r -> r.problems().isEmpty() ? "" : r.problems().get(0)).orElse("none loaded"));
        boolean ready = dbOk && rulesLive;
        checks.put("status", ready ? "ready" : "not ready");
        json(ctx, ready ? 200 : 503, checks);
    }

    private boolean databaseAnswers() {
        try {
            return db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void recordRequest(Context ctx) {
        Long started = ctx.attribute(STARTED);
        String route = ctx.endpointHandlerPath();
        metrics.request(ctx.method().name(), route == null || route.isEmpty() ? "unmatched" : route, ctx.statusCode(),
                Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static void error(Context ctx, int status, String message, List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        json(ctx, status, body);
    }

    @Override
    public void close() {
        app.stop();
        watch.close();
        metrics.close();
    }
}
