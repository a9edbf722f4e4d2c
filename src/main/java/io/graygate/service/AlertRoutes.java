package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.alerting.Alert;
import io.graygate.alerting.AlertException;
import io.graygate.alerting.AlertStore;
import io.graygate.platform.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** /api/alerts: the release's alerts (viewer) and acknowledging one (operator, audited as the token). */
final class AlertRoutes {
    private final String release;
    private final AlertStore alerts;
    private final Clock clock;

    AlertRoutes(String release, AlertStore alerts, Clock clock) {
        this.release = release;
        this.alerts = alerts;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/alerts", this::list, Access.VIEWER);
        app.get("/api/alerts/{id}", this::read, Access.VIEWER);
        app.post("/api/alerts/{id}/ack", this::ack, Access.OPERATOR);
    }

    private void list(Context ctx) {
        String open = ctx.queryParam("open");
        if (open != null && !open.equals("true") && !open.equals("false")) {
            throw new ApiException(400, "open must be true or false, got '" + open + "'");
        }
        ApiServer.json(ctx, 200, alerts.list(release, "true".equals(open)).stream().map(AlertRoutes::view).toList());
    }

    private void read(Context ctx) {
        Alert alert = find(ctx);
        Map<String, Object> body = view(alert);
        body.put("notifications", alerts.notifications(alert.id()));
        ApiServer.json(ctx, 200, body);
    }

    private void ack(Context ctx) {
        Alert alert = find(ctx);
        JsonNode note = Routes.body(ctx).get("note");
        if (note != null && !note.isTextual()) {
            throw new ApiException(400, "\"note\" must be a text");
        }
        try {
            Alert acked = alerts.ack(alert.id(), TokenAuth.actor(ctx), note == null ? "" : note.asText(),
                    clock.instant());
            ApiServer.json(ctx, 200, view(acked));
        } catch (AlertException e) {
            throw new ApiException(e.notFound() ? 404 : 409, e.getMessage());
        }
    }

    private Alert find(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "alert id must be a number, got '" + ctx.pathParam("id") + "'");
        }
        try {
            return alerts.require(release, id);
        } catch (AlertException e) {
            throw new ApiException(404, e.getMessage());
        }
    }

    private static Map<String, Object> view(Alert a) {
        Map<String, Object> body = new LinkedHashMap<>(Json.MAPPER.convertValue(a, Map.class));
        body.put("state", a.state());
        return body;
    }
}
