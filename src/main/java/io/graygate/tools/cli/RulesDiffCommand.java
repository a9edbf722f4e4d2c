package io.graygate.tools.cli;

import io.graygate.platform.Database;
import io.graygate.rules.history.FileChange;
import io.graygate.rules.history.FileDiff;
import io.graygate.rules.history.RuleSetDiff;
import io.graygate.rules.history.RuleSetHistory;
import io.graygate.rules.history.StoredRuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "diff", description = {"Compare two stored rule sets: each file added, removed or changed,",
        "and a unified line diff of each changed file. SHAs may be unique prefixes (>= 8 hex digits)."})
final class RulesDiffCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHA1", description = "the older rule set")
    String from;

    @Parameters(index = "1", paramLabel = "SHA2", description = "the newer rule set")
    String to;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            RuleSetHistory history = new RuleSetHistory(db.jdbi());
            StoredRuleSet a = history.find(from);
            StoredRuleSet b = history.find(to);
            List<FileDiff> diffs = RuleSetDiff.between(a, b);
            out.println("rule set " + a.sha256() + " -> " + b.sha256());
            diffs.forEach(d -> out.printf("%-9s %s%n", d.change().name().toLowerCase(java.util.Locale.ROOT), d.path()));
            for (FileDiff d : diffs) {
                if (d.change() != FileChange.UNCHANGED) {
                    out.println();
                    d.unified().forEach(out::println);
                }
            }
            long changed = diffs.stream().filter(d -> d.change() != FileChange.UNCHANGED).count();
            out.println();
            out.println(changed + " of " + diffs.size() + " file(s) differ");
        }
        return 0;
    }
}
