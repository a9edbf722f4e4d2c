package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.modeswitch.HysteresisParams;
import io.graygate.modeswitch.HysteresisRules;
import io.graygate.modeswitch.ModeOutput;
import io.graygate.modeswitch.ModeReplayer;
import io.graygate.modeswitch.ModeTimeline;
import io.graygate.modeswitch.TransitionStore;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "modes", description = {"Replay the stored activity samples through rules/hysteresis.drl with the stage's",
        "hysteresis: the mode timeline and the switches per symbol per day. The result is stored."})
final class ModesCommand implements Callable<Integer> {
    enum Format { text, json, csv }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--stage", required = true, paramLabel = "NAME|FILE", description = "stage name or stage config file")
    String stage;

    @Mixin
    DateRange days;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "one symbol (default: the stage's symbols)")
    String symbol;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        days.checked();
        ReleaseConfig release = common.release();
        StageConfig config = release.requireStage(stage);
        List<String> symbols = symbols(release, config);
        RuleSet rules = HysteresisRules.load(common.rulesDir());
        try (Database db = common.openDatabase()) {
            ModeTimeline timeline = new ModeReplayer(db.jdbi(), rules).replay(release.name(), config.name(), symbols,
                    HysteresisParams.of(config.hysteresis()), days.from, days.to);
            ModeTimeline stored = new TransitionStore(db.jdbi()).save(timeline, rules, "cli:modes");
            spec.commandLine().getOut().println(switch (format) {
                case text -> ModeOutput.text(stored);
                case json -> ModeOutput.json(stored);
                case csv -> ModeOutput.csv(stored);
            });
        }
        return 0;
    }

    private List<String> symbols(ReleaseConfig release, StageConfig config) {
        if (symbol == null) {
            return config.symbols();
        }
        if (!release.universe().contains(symbol)) {
            throw new IllegalArgumentException("--symbol " + symbol + " is not in the release universe");
        }
        return List.of(symbol);
    }
}
