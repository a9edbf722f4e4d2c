package io.graygate.modeswitch;

import io.graygate.platform.config.StageConfig;
import io.graygate.decision.ObservationWindow;
import io.graygate.facts.ComputedSwitches;
import io.graygate.facts.DailyMetric;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The computed mode switches of a stage evaluation: the stage's symbols over the observation window,
 * replayed with the stage's hysteresis through the evaluation rule set's own {@code hysteresis.drl}, one
 * {@link ComputedSwitches} per symbol-day with activity samples, next to the observed count.
 */
public final class ModeFacts {
    public static final String OBSERVED_METRIC = "mode_switch_count";

    private final Jdbi jdbi;

    public ModeFacts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Empty when the rule set has no hysteresis rules (then only the observed counts are judged). */
    public List<ComputedSwitches> build(StageConfig stage, RuleSet rules, ObservationWindow window, List<DailyMetric> daily) {
        Optional<RuleSet> hysteresis = HysteresisRules.within(rules);
        if (hysteresis.isEmpty()) {
            return List.of();
        }
        ModeTimeline timeline = new ModeReplayer(jdbi, hysteresis.get()).replay("", stage.name(), stage.symbols(),
                HysteresisParams.of(stage.hysteresis()), window.start(), window.end());
        Map<String, Double> observed = new HashMap<>();
        for (DailyMetric d : daily) {
            if (d.metric().equals(OBSERVED_METRIC) && !d.symbol().isEmpty()) {
                observed.put(d.symbol() + "|" + d.day(), d.sum());
            }
        }
        return timeline.days().stream().map(d -> new ComputedSwitches(d.symbol(), d.day(), d.switches(),
                observed.get(d.symbol() + "|" + d.day()))).toList();
    }
}
