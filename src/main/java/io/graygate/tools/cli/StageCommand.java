package io.graygate.tools.cli;

import io.graygate.release.ReleaseEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(mixinStandardHelpOptions = true, name = "stage", description = "Start a stage after checking its entry conditions (rules/entry.drl).")
final class StageCommand {
    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "start", description = {"Start a stage if the entry rules (rules/entry.drl) find no unmet condition.",
            "Stage 1: its readiness statements (graygate attest) say yes; a later stage: an approved ADVANCE on the",
            "previous stage and its problems resolved. Refuses (exit 1) listing every unmet condition."})
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
}
