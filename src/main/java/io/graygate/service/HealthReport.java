package io.graygate.service;

import java.util.List;

/** The outcome of each health check; healthy when none failed. */
public record HealthReport(List<Check> checks) {
    public record Check(String name, boolean ok, String detail) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean healthy() {
        return checks.stream().allMatch(Check::ok);
    }
}
