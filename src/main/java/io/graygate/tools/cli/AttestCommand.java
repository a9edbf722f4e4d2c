package io.graygate.tools.cli;

import io.graygate.release.statements.AttestationStore;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Attestation;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "attest", description = {"Record a person's statement on a judgement the data cannot make",
        "(feedback positive, team agrees, drill done...). Rules use the latest statement per stage and check;",
        "reports show who stated what and when. --stage release for the release as a whole (V10-V12)."})
final class AttestCommand implements Callable<Integer> {
    enum Answer { yes, no }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", required = true, paramLabel = "NAME", description = "stage name, or 'release'")
    String stage;

    @Option(names = "--check", required = true, paramLabel = "NAME", description = "e.g. business_feedback_positive, team_accepts_default")
    String check;

    @Option(names = "--value", required = true, description = "yes or no")
    Answer value;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "who states it")
    String by;

    @Option(names = "--note", defaultValue = "", description = "what it rests on")
    String note;

    @Override
    public Integer call() {
        ReleaseConfig release = common.release();
        String stageName = AttestationStore.RELEASE_STAGE.equals(stage) ? stage : release.requireStage(stage).name();
        try (Database db = common.openDatabase()) {
            Attestation a = new AttestationStore(db.jdbi()).record(release.name(), stageName, check, value == Answer.yes, by, note);
            spec.commandLine().getOut().println("recorded: " + a.stage() + " " + a.check() + " = " + (a.value() ? "yes" : "no")
                    + " by " + a.by() + " at " + a.at());
        }
        return 0;
    }
}
