package io.graygate.tools.cli;

import io.graygate.release.statements.AttestationStore;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.release.RollbackDrill;
import io.graygate.platform.Database;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "rollback", description = {"Return every symbol to baseline at once (STRATEGY_MODE=quiet,",
        "DYNAMIC_MODE_ENABLED=false), audited. Reads neither rules nor metrics, so it works when they are broken.",
        "--drill runs the same path on a scratch release, reports the time until a reader sees it and records",
        "the statement rollback_drilled on stage 1 (yes with the time; no when the drill fails)."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (required unless --drill)")
    String reason;

    @Option(names = "--by", required = true, paramLabel = "NAME")
    String by;

    @Option(names = "--drill", description = "rehearse on a scratch release; the real release is not touched")
    boolean drill;

    @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS", description = {"wait until every live agent "
            + "reported the baseline applied; print the time to effective; exit 1 naming the agents that did not",
            "(default: ${DEFAULT-VALUE}: do not wait)"})
    int waitSeconds;

    @Option(names = "--agent-liveness", paramLabel = "SECONDS",
            description = "agents seen within this long before the rollback must apply it (default: 90)")
    Integer livenessSeconds;

    @Override
    public Integer call() {
        if (!drill && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("--reason is required for a rollback");
        }
        if (waitSeconds < 0) {
            throw new IllegalArgumentException("--wait must be 0 or more seconds");
        }
        AgentPolicy policy = AgentPolicy.of(livenessSeconds, null);
        PrintWriter out = spec.commandLine().getOut();
        if (drill) {
            return drill(out);
        }
        var release = common.release();
        try (Database db = common.openDatabase()) {
            long started = System.nanoTime();
            ReleaseEvent event = Lifecycle.standard(release, new ReleaseStore(db.jdbi()), common.rulesDir()).rollback(by, reason);
            out.println("rolled back " + event.release() + " to baseline at " + event.at() + " by " + event.actor()
                    + " (event #" + event.id() + "): STRATEGY_MODE=quiet DYNAMIC_MODE_ENABLED=false for every symbol");
            out.flush();
            return waitSeconds == 0 ? 0 : awaitAgents(out, db, release, policy, event, started);
        }
    }

    /** Waits for the agents; exit 0 when every live one applied the baseline, 1 naming those that did not. */
    private int awaitAgents(PrintWriter out, Database db, io.graygate.platform.config.ReleaseConfig release, AgentPolicy policy,
                            ReleaseEvent event, long started) {
        Fleet.Effective effective;
        try {
            effective = new Fleet(release, db.jdbi(), policy, Clock.systemUTC()).awaitBaseline(event, Duration.ofSeconds(waitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agents", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        effective.notLive().forEach(name -> out.println("not live (not waited for): " + name));
        if (effective.effective()) {
            out.printf(Locale.ROOT, "rollback effective after %.3f s: %d live agent(s) applied the baseline%s%n", seconds,
                    effective.applied().size(), effective.applied().isEmpty() ? " (no live agent)" : ": "
                            + String.join(", ", effective.applied()));
            out.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "rollback NOT effective after %d s: %d agent(s) did not apply the baseline: %s%n", waitSeconds,
                effective.missing().size(), String.join(", ", effective.missing().stream().map(AgentStatus::instance).toList()));
        effective.missing().forEach(s -> err.println("  " + s.describe()));
        err.println("see docs/GRAY_RELEASE_ROLLBACK.md, \"When an agent does not apply the baseline\"");
        err.flush();
        out.flush();
        return 1;
    }

    private int drill(PrintWriter out) {
        var release = common.release();
        try (Database db = common.openDatabase()) {
            // A second Jdbi over the same data source: every read takes its own connection, like another process.
            RollbackDrill.Result result = new RollbackDrill(release, new ReleaseStore(db.jdbi()),
                    new ReleaseStore(Jdbi.create(db.dataSource()))).runAndState(by, new AttestationStore(db.jdbi()));
            out.printf("rollback drill on %s: baseline visible to a separate reader after %.1f ms (limit %s); event #%d%n",
                    result.scratchRelease(), result.untilVisible().toNanos() / 1e6, RollbackDrill.LIMIT,
                    result.rollback().id());
            out.printf("recorded: %s %s = yes by %s (stage 1 entry needs it)%n", release.stages().get(0).name(),
                    RollbackDrill.CHECK, by);
        }
        return 0;
    }
}
