package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "evaluate", description = {"Evaluate a stage as of a day with the rules, store the decision for audit",
        "and print it: ADVANCE, HOLD or ROLLBACK, and why."})
final class EvaluateCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", required = true, paramLabel = "NAME|FILE", description = "stage name or stage config file")
    String stage;

    @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "last day of the window (UTC)")
    LocalDate asOf;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "first day of the window, normally the day the stage started (default: the observation period ending at --as-of)")
    LocalDate since;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        ReleaseConfig release = common.release();
        StageConfig stageConfig = release.requireStage(stage);
        RuleSet rules = common.rulesForEvaluation();
        try (Database db = common.openDatabase()) {
            Evaluation evaluation = new EvaluateStage(db.jdbi())
                    .evaluateAndStore(release, stageConfig, rules, asOf, since, "cli:evaluate");
            String output = format == Format.json
                    ? EvaluationOutput.json(evaluation, release.stages().size())
                    : EvaluationOutput.text(evaluation, release.stages().size(), rules);
            spec.commandLine().getOut().println(output);
        }
        return 0;
    }
}
