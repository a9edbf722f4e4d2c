package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.modeswitch.HysteresisRules;
import io.graygate.modeswitch.ModeReplayer;
import io.graygate.modeswitch.PairResult;
import io.graygate.modeswitch.StageFileEditor;
import io.graygate.modeswitch.SwitchTarget;
import io.graygate.modeswitch.Tuner;
import io.graygate.modeswitch.TuningGrid;
import io.graygate.modeswitch.TuningOutput;
import io.graygate.modeswitch.TuningReport;
import io.graygate.modeswitch.TuningStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "tune", description = {"Replay a stage's stored activity through rules/hysteresis.drl for every",
        "min_active x min_quiet pair of a grid; report switches per symbol-day and recommend a pair.",
        "The report is stored; --write puts the pair into a stage file, keeping its comments."})
final class TuneCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", required = true, paramLabel = "NAME|FILE",
            description = "the stage whose data is replayed (its symbols, threshold and window)")
    String stage;

    @Mixin
    DateRange days;

    @Option(names = "--target", defaultValue = "4-8", description = "switches per symbol-day aimed at (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--alert-above", defaultValue = "15", description = "alert level per symbol-day (default: ${DEFAULT-VALUE})")
    int alertAbove;

    @Option(names = "--grid", defaultValue = "min_active=2..8,min_quiet=4..16",
            description = "pairs to try (default: ${DEFAULT-VALUE})")
    String grid;

    @Option(names = "--write", paramLabel = "STAGE_FILE", description = "write the recommended pair into this stage file")
    Path write;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        days.checked();
        SwitchTarget switchTarget = SwitchTarget.parse(target, alertAbove);
        TuningGrid pairs = TuningGrid.parse(grid);
        ReleaseConfig release = common.release();
        StageConfig config = release.requireStage(stage);
        RuleSet rules = HysteresisRules.load(common.rulesDir());
        TuningReport report;
        try (Database db = common.openDatabase()) {
            TuningReport found = new Tuner(new ModeReplayer(db.jdbi(), rules))
                    .tune(release.name(), config, days.from, days.to, switchTarget, pairs);
            report = new TuningStore(db.jdbi()).save(found, rules, "cli:tune");
        }
        spec.commandLine().getOut().println(format == Format.json ? TuningOutput.json(report) : TuningOutput.text(report));
        if (write != null) {
            PairResult best = report.recommended().orElseThrow(() -> new IllegalArgumentException(
                    "nothing to write: no activity samples for " + config.name() + " from " + days.from + " to " + days.to));
            StageFileEditor.writeHysteresis(write, best.minActive(), best.minQuiet());
            spec.commandLine().getOut().println("wrote min_active_windows " + best.minActive() + ", min_quiet_windows "
                    + best.minQuiet() + " into " + write);
        }
        return 0;
    }
}
