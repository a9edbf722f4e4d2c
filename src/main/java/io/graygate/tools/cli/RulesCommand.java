package io.graygate.tools.cli;

import io.graygate.rules.RuleCheck;
import io.graygate.rules.RuleInfo;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleProblem;
import io.graygate.rules.RuleSet;
import io.graygate.rules.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

@Command(mixinStandardHelpOptions = true, name = "rules", description = "Work with the rule files.",
        subcommands = {RulesHistoryCommand.class, RulesShowCommand.class, RulesDiffCommand.class, RulesSignCommand.class})
final class RulesCommand {
    static final int EXIT_WARNINGS = 1;

    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "check", description = {"Compile and lint every .drl file; print problems as FILE:LINE:COL: severity: message.",
            "Exit 0 when clean, 1 on warnings only with --strict, 2 on errors."})
    int check(@Mixin CommonOptions common,
              @Option(names = "--strict", description = "exit 1 when there are warnings") boolean strict) {
        RuleCheck check = RuleLoader.check(common.rulesDir(), common.ruleCatalogue());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Diagnostics go to stderr like a compiler's; the listing of a usable rule set goes to stdout.
        check.problems().forEach(err::println);
        err.flush();
        if (check.ruleSet().isEmpty()) {
            long errors = check.problems().stream().filter(RuleProblem::isError).count();
            err.println(errors + " error(s); the rules cannot be used");
            err.flush();
            return Main.EXIT_ERROR;
        }
        list(out, check.ruleSet().get(), check.problems().size());
        return strict && check.hasWarnings() ? EXIT_WARNINGS : 0;
    }

    private static void list(PrintWriter out, RuleSet rules, int warnings) {
        for (RuleInfo rule : rules.rules().values()) {
            out.printf("%-10s %-55s %s%n", rule.kind(), rule.name(), rule.file());
        }
        out.println(rules.rules().size() + " rules in " + rules.files().size() + " files compile"
                + (warnings == 0 ? "" : " with " + warnings + " warning(s)") + "; rule set sha256 " + rules.sha256());
        out.flush();
    }

    @Command(mixinStandardHelpOptions = true, name = "test", description = {"Run scenario files (default: every *.yaml under <rules>/tests/) against the rules.",
            "Exit 0 when all pass, 1 when one fails or coverage is below --min-coverage, 2 on errors."})
    int test(@Mixin CommonOptions common,
             @Option(names = "--min-coverage", paramLabel = "PCT",
                     description = "fail when fewer than PCT percent of the rules fired in some scenario") Double minCoverage,
             @Parameters(paramLabel = "SCENARIOS", arity = "0..*", description = "scenario files") List<Path> scenarios) {
        RuleSet rules = common.rules();
        List<Path> files = scenarios == null || scenarios.isEmpty()
                ? ScenarioRunner.scenarioFiles(common.rulesDir().resolve("tests")) : scenarios;
        ScenarioRunner runner = new ScenarioRunner(common.release(), rules);
        return runner.run(files, minCoverage, spec.commandLine().getOut());
    }
}
