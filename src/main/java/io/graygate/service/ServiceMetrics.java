package io.graygate.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/** The service's own metrics, scraped by Prometheus at /metrics. One registry per server instance. */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
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

    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }
}
