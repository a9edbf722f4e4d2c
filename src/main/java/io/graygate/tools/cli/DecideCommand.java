package io.graygate.tools.cli;

import io.graygate.release.Decision;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "decide", description = {"Record the decision meeting's ruling on an evaluation: approve or reject the",
        "rules' recommendation. Both are kept; a rejection is an override and holds the stage.",
        "Approving ROLLBACK rolls back; approving the last stage's ADVANCE completes the release."})
final class DecideCommand implements Callable<Integer> {
    static final class Verdict {
        @Option(names = "--approve", required = true) boolean approve;
        @Option(names = "--reject", required = true) boolean reject;
    }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EVALUATION_ID")
    long evaluationId;

    @ArgGroup(multiplicity = "1")
    Verdict verdict;

    @Option(names = "--by", required = true, paramLabel = "NAME")
    String by;

    @Option(names = "--reason", required = true)
    String reason;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return LifecycleCommands.run(common, spec.commandLine().getErr(), lifecycle -> {
            Decision d = lifecycle.decide(evaluationId, verdict.approve, by, reason);
            out.println("evaluation #" + d.evaluationId() + " (" + d.stage() + "): recommendation " + d.recommendation()
                    + ", " + (d.approved() ? "approved" : "rejected (override)") + " by " + d.decidedBy()
                    + " -> " + d.outcome());
            out.println("release: " + lifecycle.state().describe());
            out.flush();
            return 0;
        });
    }
}
