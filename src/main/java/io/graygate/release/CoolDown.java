package io.graygate.release;

import io.graygate.config.ReleaseConfig;
import io.graygate.config.StageConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * After a rollback no stage starts again until the rolled-back stage's {@code gate.cool_down} has passed: a
 * rollback puts the release at baseline, from where only stage 1 may restart, so the wait guards every restart.
 * The stage rolled back is the one started last before the rollback; a rollback at baseline or a drill sets no
 * cool-down.
 */
public final class CoolDown implements EntryCheck {
    private final ReleaseConfig release;
    private final ReleaseStore store;
    private final Clock clock;

    public CoolDown(ReleaseConfig release, ReleaseStore store, Clock clock) {
        this.release = release;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<String> unmet(StageConfig stage, ReleaseState state) {
        Optional<RolledBack> last = lastRollback();
        if (last.isEmpty()) {
            return List.of();
        }
        RolledBack rollback = last.get();
        Duration coolDown = release.stage(rollback.stage()).map(s -> s.gate().coolDown()).orElse(Duration.ZERO);
        Instant until = rollback.event().at().plus(coolDown);
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            return List.of();
        }
        return List.of("cool-down: stage " + rollback.stage() + " was rolled back at " + rollback.event().at()
                + " (" + rollback.event().reason() + "); its gate.cool_down is " + describe(coolDown) + ", "
                + describe(Duration.between(now, until)) + " left (until " + until + ")");
    }

    private record RolledBack(ReleaseEvent event, String stage) {
    }

    /** The latest real rollback and the stage it ended, if a stage was running then. */
    private Optional<RolledBack> lastRollback() {
        String running = null;
        RolledBack last = null;
        for (ReleaseEvent event : store.events(release.name())) {
            if (event.drill()) {
                continue;
            }
            switch (event.kind()) {
                case STAGE_STARTED -> running = event.stage();
                case ROLLED_BACK -> {
                    last = running == null ? null : new RolledBack(event, running);
                    running = null;
                }
                case COMPLETED -> running = event.stage();
            }
        }
        return Optional.ofNullable(last);
    }

    /** Whole minutes, rounded up, so "0m left" never refuses. */
    static String describe(Duration duration) {
        long minutes = (duration.toSeconds() + 59) / 60;
        long hours = minutes / 60;
        return hours == 0 ? minutes % 60 + "m" : minutes % 60 == 0 ? hours + "h" : hours + "h " + minutes % 60 + "m";
    }
}
