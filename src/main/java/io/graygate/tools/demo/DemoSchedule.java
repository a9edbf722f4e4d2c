package io.graygate.tools.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The release the demo plays: two weeks of baseline, stage 1 with an incident on its second day and a
 * rollback, stage 1 again after the fix, then stage 2 for a week and stage 3 for two weeks.
 */
public record DemoSchedule(List<DemoPhase> phases, LocalDate incidentDay) {

    public static DemoSchedule standard() {
        LocalDate start = LocalDate.of(2026, 3, 1);
        return new DemoSchedule(List.of(
                new DemoPhase(null, start.minusDays(14), start.minusDays(1), "baseline: dynamic mode off everywhere"),
                new DemoPhase("gray_10pct", start, start.plusDays(1), "stage 1, first attempt"),
                new DemoPhase(null, start.plusDays(2), start.plusDays(2), "rolled back; incident fixed"),
                new DemoPhase("gray_10pct", start.plusDays(3), start.plusDays(5), "stage 1 again"),
                new DemoPhase("gray_50pct", start.plusDays(6), start.plusDays(12), "stage 2"),
                new DemoPhase("full", start.plusDays(13), start.plusDays(26), "stage 3")),
                start.plusDays(1));
    }

    public LocalDate first() {
        return phases.get(0).from();
    }

    public LocalDate last() {
        return phases.get(phases.size() - 1).to();
    }

    public Optional<DemoPhase> phaseOn(LocalDate day) {
        return phases.stream().filter(p -> p.covers(day)).findFirst();
    }
}
