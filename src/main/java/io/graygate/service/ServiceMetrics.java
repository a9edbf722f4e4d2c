package io.graygate.service;

import io.graygate.release.agents.ApplyResult;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The service's own metrics, scraped by Prometheus at /metrics. One registry per server instance. The release,
 * agent and strategy gauges are refreshed from the database on each scrape ({@link ReleaseGauges}); their names
 * are what {@code config/grafana/dashboards/graygate.json} queries.
 */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge stage = gauge("graygate.release.stage", "the running stage's number, 0 at baseline");
    private final MultiGauge phase = gauge("graygate.release.phase", "1 for the release's current phase");
    private final MultiGauge evaluations = gauge("graygate.evaluations", "stored evaluations by stage and decision");
    private final MultiGauge agentLive = gauge("graygate.agent.live", "1 when the agent asked or reported recently");
    private final MultiGauge agentInSync = gauge("graygate.agent.in.sync", "1 when the agent applied the desired state");
    private final MultiGauge agentLag = MultiGauge.builder("graygate.agent.lag").baseUnit("seconds")
            .description("how long the desired state has been in force without the agent applying it").register(registry);
    private final MultiGauge agentOverdue = gauge("graygate.agent.overdue", "1 when a live agent lags beyond the apply limit");
    private final MultiGauge agentResult = gauge("graygate.agent.last.result", "1 for the result of the agent's last report");
    private final MultiGauge strategyLatest = gauge("graygate.strategy.latest",
            "the newest pushed sample per metric and symbol (last 15 minutes)");
    private final MultiGauge strategySum = gauge("graygate.strategy.window.sum",
            "the sum of the pushed samples per metric and symbol over the last 15 minutes");
    private final MultiGauge strategyP99 = gauge("graygate.strategy.window.p99",
            "the P99 of the pushed samples per metric and symbol over the last 15 minutes");

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    void request(String method, String route, int status, Duration took) {
        Timer.builder("graygate.http.requests").description("HTTP requests served")
                .tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .register(registry).record(took);
    }

    void rollback() {
        Counter.builder("graygate.rollbacks").description("rollbacks requested through the API").register(registry).increment();
    }

    void samples(int accepted, int rejected) {
        Counter.builder("graygate.samples.accepted").register(registry).increment(accepted);
        Counter.builder("graygate.samples.rejected").register(registry).increment(rejected);
    }

    /**
     * The registry's text after refreshing the gauges from the database; when the database does not answer, the
     * gauges keep their last values and the service's own metrics are still scraped.
     */
    String scrape(ReleaseGauges gauges) {
        try {
            refresh(gauges.read());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ServiceMetrics.class).warn("metrics: cannot refresh the release gauges: {}", e.getMessage());
        }
        return registry.scrape();
    }

    private void refresh(ReleaseGauges.Snapshot s) {
        stage.register(List.of(MultiGauge.Row.of(Tags.empty(), s.stageNumber())), true);
        phase.register(Arrays.stream(Phase.values()).map(p -> MultiGauge.Row.of(Tags.of("phase", p.name()),
                p.name().equals(s.phase()) ? 1 : 0)).toList(), true);
        evaluations.register(s.evaluations().stream().map(e -> MultiGauge.Row.of(
                Tags.of("stage", e.stage(), "decision", e.decision()), e.count())).toList(), true);
        agentLive.register(agents(s.agents(), a -> a.live() ? 1 : 0), true);
        agentInSync.register(agents(s.agents(), a -> a.inSync() ? 1 : 0), true);
        agentLag.register(agents(s.agents(), a -> a.lag().toMillis() / 1000.0), true);
        agentOverdue.register(agents(s.agents(), a -> a.overdue() ? 1 : 0), true);
        agentResult.register(s.agents().stream().filter(a -> a.lastReport() != null)
                .flatMap(a -> Arrays.stream(ApplyResult.values()).map(r -> MultiGauge.Row.of(
                        Tags.of("instance", a.instance(), "result", r.name()), a.lastReport().result() == r ? 1 : 0)))
                .toList(), true);
        strategyLatest.register(strategy(s, ReleaseGauges.StrategySeries::latest), true);
        strategySum.register(strategy(s, ReleaseGauges.StrategySeries::sum), true);
        strategyP99.register(strategy(s, ReleaseGauges.StrategySeries::p99), true);
    }

    private static List<MultiGauge.Row<?>> agents(List<AgentStatus> agents, ToDoubleFunction<AgentStatus> value) {
        return agents.stream().<MultiGauge.Row<?>>map(a -> MultiGauge.Row.of(Tags.of("instance", a.instance()),
                value.applyAsDouble(a))).toList();
    }

    private static List<MultiGauge.Row<?>> strategy(ReleaseGauges.Snapshot s,
                                                    Function<ReleaseGauges.StrategySeries, Double> value) {
        return s.strategy().stream().<MultiGauge.Row<?>>map(x -> MultiGauge.Row.of(
                Tags.of("metric", x.metric(), "symbol", x.symbol()), value.apply(x))).toList();
    }

    void close() {
        registry.close();
    }
}
