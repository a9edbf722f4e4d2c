package io.graygate.release;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;

import java.time.Duration;
import java.util.UUID;

/**
 * The rollback drill: starts stage 1 of a scratch copy of the release (its own release name, so the real
 * release is untouched), rolls it back through {@link Lifecycle#rollback}, and measures how long it takes
 * until a separate reader sees every symbol at baseline.
 */
public final class RollbackDrill {
    /** The card's limit for a rollback. */
    public static final Duration LIMIT = Duration.ofMinutes(1);
    /** The statement a drill records on stage 1 (rules/entry.drl requires it before stage 1 starts). */
    public static final String CHECK = "rollback_drilled";

    private final ReleaseConfig release;
    private final ReleaseStore writer;
    private final ReleaseStore reader;

    /** {@code reader} should use its own connections, as the trading system's readers would. */
    public RollbackDrill(ReleaseConfig release, ReleaseStore writer, ReleaseStore reader) {
        this.release = release;
        this.writer = writer;
        this.reader = reader;
    }

    public record Result(String scratchRelease, ReleaseEvent rollback, Duration untilVisible, DesiredState seen) {
    }

    /**
     * Runs the drill and records its outcome as the statement stage 1's entry rules need ({@link #CHECK} on
     * stage 1 of the real release): yes with the measured time, or no with why it failed (then rethrows).
     */
    public Result runAndState(String by, AttestationStore statements) {
        String stageOne = release.stages().get(0).name();
        try {
            Result result = run(by);
            statements.record(release.name(), stageOne, CHECK, true, by, String.format(java.util.Locale.ROOT,
                    "graygate rollback --drill: baseline visible to a separate reader after %.1f ms (limit %s) on %s, event #%d",
                    result.untilVisible().toNanos() / 1e6, LIMIT, result.scratchRelease(), result.rollback().id()));
            return result;
        } catch (LifecycleException e) {
            statements.record(release.name(), stageOne, CHECK, false, by, "graygate rollback --drill failed: " + e.getMessage());
            throw e;
        }
    }

    public Result run(String by) {
        String scratch = "drill-" + release.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        ReleaseConfig copy = new ReleaseConfig(release.file(), scratch, release.universe(), release.stages(),
                release.catalogue(), release.minDayCoverage());
        Lifecycle drill = Lifecycle.drill(copy, writer);
        drill.startStage(release.stages().get(0).name(), by, "rollback drill: scratch stage 1");
        Lifecycle observer = Lifecycle.drill(copy, reader);
        long started = System.nanoTime();
        ReleaseEvent event = drill.rollback(by, "rollback drill");
        DesiredState seen = observer.desiredState();
        long deadline = started + LIMIT.toNanos();
        while (seen.symbols().stream().anyMatch(SymbolState::dynamicModeEnabled)) {
            if (System.nanoTime() > deadline) {
                throw new LifecycleException("rollback drill: the baseline was not visible to a reader within " + LIMIT);
            }
            seen = observer.desiredState();
        }
        return new Result(scratch, event, Duration.ofNanos(System.nanoTime() - started), seen);
    }
}
