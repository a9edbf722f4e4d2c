package io.graygate.evaluation.replay;

import io.graygate.platform.config.StageConfig;
import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;
import io.graygate.facts.Verdict;

import java.time.LocalDate;
import java.util.List;

/**
 * A stored evaluation rebuilt for replay: its recorded decision and the rules that voted for it, and the
 * input facts and stage configuration it was decided on.
 */
public record RecordedEvaluation(long id, String stage, LocalDate asOf, Verdict decision, List<String> rules,
                                 ObservationWindow window, StageConfig stageConfig, InputFacts inputs) {

    public RecordedEvaluation {
        rules = List.copyOf(rules);
    }
}
