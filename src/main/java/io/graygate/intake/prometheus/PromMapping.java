package io.graygate.intake.prometheus;

import java.time.Duration;

/**
 * One entry of the Prometheus mapping file: a PromQL query whose series become samples of a graygate
 * metric, the symbol taken from one label of each series.
 *
 * @param key         the entry's name in the file (the place errors and summaries point at)
 * @param metric      the graygate metric (config/metrics.yaml)
 * @param query       PromQL, evaluated as a range query
 * @param symbolLabel the label holding the symbol; empty for metrics of the whole system
 * @param source      the {@code source} the samples are stored under
 * @param step        the range query's resolution; sample timestamps are multiples of it (epoch-aligned)
 */
public record PromMapping(String key, String metric, String query, String symbolLabel, String source, Duration step) {
}
