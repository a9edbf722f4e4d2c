package io.graygate.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Verdict;
import io.graygate.release.agents.Fleet;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/grafana/dashboards/graygate.json loads, every panel queries something, and every metric its queries name is
 * in what {@code graygate serve} exposes on /metrics once a strategy pushed samples, an agent reported and a decision
 * and a rollback were stored.
 */
@ExtendWith(TestDatabase.class)
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("config/grafana/dashboards/graygate.json");
    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "max", "min", "avg", "count", "by",
            "without", "on", "ignoring", "bool", "and", "or", "unless", "topk", "bottomk", "histogram_quantile", "clamp_min",
            "clamp_max", "abs", "time", "vector", "sort", "sort_desc", "label_replace", "delta", "deriv", "offset");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyPanelsMetricIsExposedByTheService(Database db) throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("graygate");
        JsonNode panels = dashboard.path("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(10);
        Set<String> named = new TreeSet<>();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("targets").size()).as(panel.path("title").asText() + " has a query").isPositive();
            for (JsonNode target : panel.path("targets")) {
                List<String> metrics = metricsOf(target.path("expr").asText());
                assertThat(metrics).as(panel.path("title").asText() + " names a metric").isNotEmpty();
                named.addAll(metrics);
            }
        }
        assertThat(named).contains("graygate_agent_in_sync", "graygate_agent_lag_seconds", "graygate_release_stage",
                "graygate_evaluations", "graygate_strategy_window_sum", "graygate_strategy_window_p99");

        ReleaseConfig release = History.release();
        try (TestServer server = new TestServer(db, release)) {
            pushStrategySamples(server);
            reportAsAnAgent(server);
            Releases.evaluation(db.jdbi(), release, 1, Verdict.HOLD);
            assertThat(server.call("POST", "/api/rollback", "operator-secret", "{\"reason\":\"dashboard test\"}").status())
                    .isEqualTo(201);
            String scraped = server.call("GET", "/metrics", null, null).body();
            List<String> missing = new ArrayList<>();
            for (String metric : named) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(scraped).find()) {
                    missing.add(metric);
                }
            }
            assertThat(missing).as("metrics the dashboard queries that /metrics does not expose").isEmpty();
            assertThat(scraped).contains("graygate_strategy_window_sum{metric=\"mode_switch_count\",symbol=\"ETHUSDT\"} 3.0",
                    "graygate_agent_in_sync{instance=\"strategy-1\"} 1.0", "graygate_release_stage 0.0");
        }
    }

    /** The metric names in a PromQL expression: label matchers, ranges, grouping clauses and strings removed. */
    static List<String> metricsOf(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        List<String> names = new ArrayList<>();
        Matcher m = WORD.matcher(bare);
        while (m.find()) {
            if (!PROMQL.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static void pushStrategySamples(TestServer server) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Instant ts = now.minusSeconds(60L * (i + 1));
            lines.append(line(ts, "mode_switch_count", 1, "ETHUSDT")).append(line(ts, "activity", 0.7, "ETHUSDT"))
                    .append(line(ts, "param_update_latency_ms", 2.5 + i, null)).append(line(ts, "data_loss_ratio", 0.001, null))
                    .append(line(ts, "cpu_ratio", 0.2, null)).append(line(ts, "quiet_cpu_ratio", 0.1, null))
                    .append(line(ts, "memory_bytes", 5e8, null));
        }
        TestServer.Reply pushed = server.call("POST", "/api/samples", "ingest-secret", lines.toString());
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
    }

    private static String line(Instant ts, String metric, double value, String symbol) {
        return "{\"ts\":\"" + ts + "\",\"metric\":\"" + metric + "\",\"value\":" + value
                + (symbol == null ? "" : ",\"symbol\":\"" + symbol + "\"") + "}\n";
    }

    private static void reportAsAnAgent(TestServer server) throws Exception {
        TestServer.Reply desired = server.call("GET", "/api/agents/desired?instance=strategy-1&symbols=ETHUSDT", "agent-secret", null);
        assertThat(desired.status()).as(desired.body()).isEqualTo(200);
        String hash = desired.json().path("hash").asText();
        assertThat(hash).isEqualTo(Fleet.baselineHash(List.of("ETHUSDT")));
        TestServer.Reply report = server.call("POST", "/api/agents/strategy-1/reports", "agent-secret", "{\"stateHash\":\"" + hash
                + "\",\"symbols\":[\"ETHUSDT\"],\"result\":\"APPLIED\",\"exitCode\":0,\"output\":\"\",\"appliedAt\":\""
                + Instant.now() + "\"}");
        assertThat(report.status()).as(report.body()).isEqualTo(201);
    }
}
