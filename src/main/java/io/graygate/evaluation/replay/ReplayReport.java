package io.graygate.evaluation.replay;

import java.time.LocalDate;
import java.util.List;

/** The outcome of a replay: how many stored evaluations were replayed, and the decisions that change. */
public record ReplayReport(LocalDate from, LocalDate to, String stage, String candidateSha256, int replayed,
                           List<ReplayChange> changes) {

    public ReplayReport {
        changes = List.copyOf(changes);
    }

    public int changed() {
        return changes.size();
    }

    public int unchanged() {
        return replayed - changes.size();
    }
}
