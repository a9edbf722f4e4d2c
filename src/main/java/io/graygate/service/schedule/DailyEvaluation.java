package io.graygate.service.schedule;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.release.EventKind;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The scheduled work for one business date: evaluate the stage that was live on that date (the latest lifecycle
 * event before the date's UTC day ended), as of the date, with the window starting on the day the stage started.
 * A date with no stage live (baseline, rolled back, complete) is recorded, not evaluated. Safe to run twice:
 * the second run finds the date done, or loses the race on the primary keys and stores nothing.
 */
public final class DailyEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(DailyEvaluation.class);

    private final ReleaseConfig release;
    private final ReleaseStore lifecycle;
    private final ScheduledEvaluations evaluations;
    private final Supplier<RuleSet> rules;

    public DailyEvaluation(ReleaseConfig release, ReleaseStore lifecycle, ScheduledEvaluations evaluations,
                           Supplier<RuleSet> rules) {
        this.release = release;
        this.lifecycle = lifecycle;
        this.evaluations = evaluations;
        this.rules = rules;
    }

    public DayOutcome run(LocalDate date) {
        if (evaluations.dayDone(release.name(), date)) {
            return alreadyDone(date);
        }
        Optional<ReleaseEvent> inForce = lifecycle.eventBefore(release.name(), date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        if (inForce.isEmpty() || inForce.get().kind() != EventKind.STAGE_STARTED) {
            String why = inForce.map(DailyEvaluation::notLive).orElse("baseline: no stage started yet");
            if (!evaluations.recordNothingLive(release.name(), date, why)) {
                return alreadyDone(date);
            }
            LOG.info("scheduled evaluation of {} for {}: nothing to evaluate ({})", release.name(), date, why);
            return new DayOutcome(date, DayOutcome.Kind.NOTHING_LIVE, null, null, why);
        }
        ReleaseEvent started = inForce.get();
        StageConfig stage = release.requireStage(started.stage());
        LocalDate since = started.at().atZone(ZoneOffset.UTC).toLocalDate();
        Optional<Evaluation> stored = evaluations.run(release, stage, rules.get(), date, since);
        if (stored.isEmpty()) {
            return alreadyDone(date);
        }
        Evaluation evaluation = stored.get();
        LOG.info("scheduled evaluation of {} for {}: {} {} (evaluation #{}, window {} .. {})", release.name(), date,
                evaluation.decision(), stage.name(), evaluation.id(), since, date);
        return new DayOutcome(date, DayOutcome.Kind.EVALUATED, stage.name(), evaluation.id(),
                evaluation.decision() + " " + stage.name());
    }

    private static String notLive(ReleaseEvent event) {
        return switch (event.kind()) {
            case ROLLED_BACK -> "rolled back at " + event.at() + " by " + event.actor();
            case COMPLETED -> "release complete since " + event.at();
            case STAGE_STARTED -> "stage " + event.stage() + " live";
        };
    }

    private DayOutcome alreadyDone(LocalDate date) {
        LOG.info("scheduled evaluation of {} for {}: already done", release.name(), date);
        return new DayOutcome(date, DayOutcome.Kind.ALREADY_DONE, null, null, "already done");
    }
}
