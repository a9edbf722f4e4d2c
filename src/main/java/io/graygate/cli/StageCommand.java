package io.graygate.cli;

import io.graygate.release.Prerequisites;
import io.graygate.release.ReleaseEvent;
import io.graygate.release.ReleaseStore;
import io.graygate.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "stage", description = "Start a stage after checking its entry conditions; record stage-1 prerequisites.")
final class StageCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "start", description = {"Start a stage. Stage 1 needs the four prerequisites; a later stage needs an",
            "approved ADVANCE decision on the previous stage. Refuses (exit 1) listing every unmet condition."})
    int start(@Mixin CommonOptions common,
              @Parameters(paramLabel = "STAGE", description = "stage name (gray_10pct, gray_50pct, full) or config file") String stage,
              @Option(names = "--by", required = true, paramLabel = "NAME", description = "who starts it") String by,
              @Option(names = "--reason", defaultValue = "", description = "why, for the audit trail") String reason) {
        PrintWriter out = spec.commandLine().getOut();
        return LifecycleCommands.run(common, spec.commandLine().getErr(), lifecycle -> {
            ReleaseEvent event = lifecycle.startStage(stage, by, reason);
            out.println("started stage " + event.stageNumber() + " (" + event.stage() + ") of " + event.release()
                    + " at " + event.at() + " by " + event.actor() + " (event #" + event.id() + ")");
            out.flush();
            return 0;
        });
    }

    @Command(name = "prerequisite", description = {"Record a stage-1 prerequisite as satisfied: "
            + "real_env_test_24h, e2e_integration_test, grafana_dashboard, alert_channel."})
    int prerequisite(@Mixin CommonOptions common,
                     @Parameters(paramLabel = "NAME") String name,
                     @Option(names = "--by", required = true, paramLabel = "NAME") String by,
                     @Option(names = "--evidence", required = true, description = "link or note showing it is done") String evidence) {
        if (!Prerequisites.known(name)) {
            throw new IllegalArgumentException("unknown prerequisite '" + name + "'; expected one of "
                    + Prerequisites.REQUIRED.stream().map(p -> p.get(0)).toList());
        }
        var release = common.release();
        try (Database db = common.openDatabase()) {
            new ReleaseStore(db.jdbi()).recordPrerequisite(release.name(), name, by, evidence);
        }
        spec.commandLine().getOut().println("prerequisite " + name + " recorded as satisfied by " + by);
        return 0;
    }
}
