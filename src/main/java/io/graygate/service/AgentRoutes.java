package io.graygate.service;

import io.graygate.release.agents.AgentReport;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.DesiredForAgent;
import io.graygate.release.agents.Fleet;
import io.graygate.release.agents.InstanceName;
import io.graygate.release.agents.ReportSubmission;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The agents' protocol (docs/SERVICE.md, "Agents"): an agent long-polls its desired state and posts what it
 * applied; people read desired against applied. The agent role reaches only the first two.
 */
final class AgentRoutes {
    /** The longest long poll an agent may ask for, in seconds. */
    static final int MAX_WAIT_SECONDS = 30;
    /** Long polls held at once; beyond that a poll answers at once and the agent simply polls again. */
    private static final int MAX_WAITING = 128;
    private static final int MAX_SYMBOLS_PARAM = 64 * 1024;

    private final Fleet fleet;
    private final ReleaseEventWatch watch;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    AgentRoutes(Fleet fleet, ReleaseEventWatch watch) {
        this.fleet = fleet;
        this.watch = watch;
    }

    void register(Javalin app) {
        app.get("/api/agents/desired", this::desired, Access.AGENT);
        app.post("/api/agents/{instance}/reports", this::report, Access.AGENT);
        app.get("/api/agents", ctx -> ApiServer.json(ctx, 200, Map.of("agents", statuses())), Access.VIEWER);
        app.get("/api/agents/{instance}/reports", this::reports, Access.VIEWER);
    }

    List<Map<String, Object>> statuses() {
        return fleet.statuses().stream().map(AgentStatus::toJson).toList();
    }

    /**
     * {@code GET /api/agents/desired?instance=NAME[&symbols=A,B][&known=HASH][&wait=SECONDS]}: the env file the
     * agent should hold. With {@code known} equal to the current hash it waits up to {@code wait} seconds for a
     * change (long poll) and then answers the same state again.
     */
    private void desired(Context ctx) {
        String instance = instance(ctx.queryParam("instance"));
        List<String> symbols = symbols(ctx.queryParam("symbols"));
        String known = ctx.queryParam("known");
        int waitSeconds = waitSeconds(ctx.queryParam("wait"));
        fleet.seen(instance, symbols);
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        boolean mayWait = waitSeconds > 0 && waiting.tryAcquire();
        try {
            while (true) {
                DesiredForAgent desired = fleet.desiredFor(symbols);
                long left = deadline - System.nanoTime();
                if (!mayWait || !desired.hash().equals(known) || left <= 0) {
                    ApiServer.json(ctx, 200, desired);
                    return;
                }
                watch.awaitNewerThan(desired.version(), Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            // The server is stopping: the agent reconnects (to this service once it is back, or another).
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the service is stopping; poll again");
        } finally {
            if (mayWait) {
                waiting.release();
            }
        }
    }

    private void report(Context ctx) {
        String instance = instance(ctx.pathParam("instance"));
        if (ctx.bodyAsBytes().length > ReportSubmission.MAX_BODY_BYTES) {
            throw new ApiException(413, "a report may be at most " + ReportSubmission.MAX_BODY_BYTES + " bytes");
        }
        ReportSubmission submission;
        try {
            submission = ReportSubmission.parse(Routes.body(ctx), fleet.symbolsFor(null));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        AgentReport stored = fleet.record(instance, submission, TokenAuth.actor(ctx));
        DesiredForAgent desired = fleet.desiredFor(submission.symbols());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.put("instance", instance);
        body.put("result", stored.result().name());
        body.put("baseline", stored.baseline());
        body.put("desiredHash", desired.hash());
        body.put("inSync", stored.result().effective() && desired.hash().equals(stored.stateHash()));
        ApiServer.json(ctx, 201, body);
    }

    private void reports(Context ctx) {
        String instance = instance(ctx.pathParam("instance"));
        ApiServer.json(ctx, 200, Map.of("instance", instance, "reports", fleet.reports(instance, 50)));
    }

    private static String instance(String name) {
        try {
            return InstanceName.require(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private List<String> symbols(String param) {
        if (param != null && param.length() > MAX_SYMBOLS_PARAM) {
            throw new ApiException(400, "symbols: at most " + MAX_SYMBOLS_PARAM + " characters");
        }
        try {
            return fleet.symbolsFor(param == null || param.isBlank() ? null
                    : Arrays.stream(param.split(",")).map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    static int waitSeconds(String param) {
        try {
            int wait = param == null ? 0 : Integer.parseInt(param);
            if (wait < 0 || wait > MAX_WAIT_SECONDS) {
                throw new NumberFormatException();
            }
            return wait;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "wait must be 0.." + MAX_WAIT_SECONDS + " seconds");
        }
    }
}
