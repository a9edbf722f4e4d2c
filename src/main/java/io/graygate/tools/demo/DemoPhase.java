package io.graygate.tools.demo;

import java.time.LocalDate;

/**
 * A stretch of the synthetic release: a stage running (stage != null) or the baseline, both ends inclusive.
 * An attempt of a stage is evaluated every day from its first day on.
 */
public record DemoPhase(String stage, LocalDate from, LocalDate to, String note) {

    public boolean isStage() {
        return stage != null;
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
