package io.graygate.tools.cli;

import io.graygate.release.statements.AttestationStore;
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
import java.util.concurrent.Callable;

@Command(name = "rollback", description = {"Return every symbol to baseline at once (STRATEGY_MODE=quiet,",
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

    @Override
    public Integer call() {
        if (!drill && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("--reason is required for a rollback");
        }
        PrintWriter out = spec.commandLine().getOut();
        return drill ? drill(out) : LifecycleCommands.run(common, spec.commandLine().getErr(), lifecycle -> {
            ReleaseEvent event = lifecycle.rollback(by, reason);
            out.println("rolled back " + event.release() + " to baseline at " + event.at() + " by " + event.actor()
                    + " (event #" + event.id() + "): STRATEGY_MODE=quiet DYNAMIC_MODE_ENABLED=false for every symbol");
            out.flush();
            return 0;
        });
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
