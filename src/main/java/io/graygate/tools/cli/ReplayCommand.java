package io.graygate.tools.cli;

import io.graygate.evaluation.replay.ReplayOutput;
import io.graygate.evaluation.replay.ReplayReport;
import io.graygate.evaluation.replay.Replayer;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "replay", description = {"Re-decide the stored evaluations of a day range with a candidate rule set",
        "(--rules DIR), on the facts and stage configuration the recorded decisions used, and print the decisions",
        "that would change. Stores nothing."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    DateRange days;

    @Option(names = "--stage", paramLabel = "NAME", description = "only this stage (default: every stage)")
    String stage;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE})")
    ReplayOutput.Format format;

    @Override
    public Integer call() {
        RuleSet candidate = common.rules();
        try (Database db = common.openDatabase()) {
            ReplayReport report = new Replayer(db.jdbi()).replay(candidate, days.from, days.to, stage);
            spec.commandLine().getOut().print(ReplayOutput.render(report, format));
            if (format != ReplayOutput.Format.csv) {
                spec.commandLine().getOut().println();
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
