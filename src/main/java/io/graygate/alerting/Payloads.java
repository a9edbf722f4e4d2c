package io.graygate.alerting;

import io.graygate.platform.Json;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies: Slack's incoming-webhook shape and graygate's own generic one. */
final class Payloads {
    private Payloads() {
    }

    static String render(ChannelType type, Alert alert, int level, URI linkBase) {
        return Json.write(type == ChannelType.SLACK ? slack(alert, level, linkBase) : generic(alert, level, linkBase));
    }

    static Map<String, Object> generic(Alert alert, int level, URI linkBase) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", alert.id());
        body.put("kind", alert.kind().name());
        body.put("severity", alert.severity().name());
        body.put("release", alert.release());
        body.put("stage", alert.stage());
        body.put("evaluationId", alert.evaluationId());
        body.put("subject", alert.subject());
        body.put("summary", alert.summary());
        body.put("reasons", alert.reasons());
        body.put("raisedAt", alert.raisedAt().toString());
        body.put("escalationLevel", level);
        body.put("links", links(alert, linkBase));
        body.put("ack", ackHint(alert));
        return body;
    }

    static Map<String, Object> slack(Alert alert, int level, URI linkBase) {
        String headline = (alert.severity().name().equals("CRITICAL") ? ":rotating_light: " : ":warning: ")
                + "[" + alert.kind() + "] " + alert.summary();
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + headline + "*")));
        if (!alert.reasons().isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            alert.reasons().forEach(r -> reasons.append("• ").append(r).append('\n'));
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", reasons.toString().strip())));
        }
        StringBuilder context = new StringBuilder("release " + alert.release());
        if (!alert.stage().isEmpty()) {
            context.append(" · stage ").append(alert.stage());
        }
        if (alert.evaluationId() != null) {
            context.append(" · evaluation #").append(alert.evaluationId());
        }
        context.append(" · alert #").append(alert.id()).append(" · escalation level ").append(level)
                .append(" · ").append(ackHint(alert));
        links(alert, linkBase).forEach((name, url) -> context.append(" · <").append(url).append('|').append(name).append('>'));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context.toString()))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", headline);
        body.put("blocks", blocks);
        return body;
    }

    private static String ackHint(Alert alert) {
        return "graygate alert ack " + alert.id() + " --by NAME";
    }

    private static Map<String, String> links(Alert alert, URI linkBase) {
        Map<String, String> links = new LinkedHashMap<>();
        if (linkBase == null) {
            return links;
        }
        String base = linkBase.toString().replaceAll("/+$", "");
        links.put("alert", base + "/api/alerts/" + alert.id());
        if (alert.evaluationId() != null) {
            links.put("evaluation", base + "/api/evaluations/" + alert.evaluationId());
        }
        return links;
    }
}
