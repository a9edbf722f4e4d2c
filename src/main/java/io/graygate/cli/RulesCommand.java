package io.graygate.cli;

import io.graygate.rules.RuleInfo;
import io.graygate.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "rules", description = "Work with the rule files.",
        subcommands = {RulesHistoryCommand.class, RulesShowCommand.class, RulesDiffCommand.class, RulesSignCommand.class})
final class RulesCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "check", description = {"Compile every .drl file; print problems as FILE:LINE:COL: severity: message.",
            "Exit 0 when the rules compile, 2 when they do not."})
    int check(@Mixin CommonOptions common) {
        RuleSet rules = common.rules();
        PrintWriter out = spec.commandLine().getOut();
        for (RuleInfo rule : rules.rules().values()) {
            out.printf("%-10s %-55s %s%n", rule.kind(), rule.name(), rule.file());
        }
        out.println(rules.rules().size() + " rules in " + rules.files().size() + " files compile; rule set sha256 "
                + rules.sha256());
        return 0;
    }
}
