package io.graygate.tools.cli;

import io.graygate.platform.Database;
import io.graygate.rules.history.RuleSetHistory;
import io.graygate.rules.history.StoredFile;
import io.graygate.rules.history.StoredRuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "show", description = {"Print every file of a stored rule set with its content.",
        "SHA may be a unique prefix of at least 8 hex digits; an unknown or ambiguous prefix exits 2."})
final class RulesShowCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHA", description = "rule-set SHA-256 or a unique prefix (>= 8 hex digits)")
    String sha;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            StoredRuleSet set = new RuleSetHistory(db.jdbi()).find(sha);
            out.println("rule set " + set.sha256() + ", first stored "
                    + RulesHistoryCommand.UTC.format(set.firstStored().withOffsetSameInstant(ZoneOffset.UTC))
                    + " by " + set.loadedBy() + ", " + set.files().size() + " file(s)");
            for (StoredFile file : set.files()) {
                out.println();
                out.println("=== " + file.path() + " (sha256 " + file.sha256() + ")");
                out.print(file.content());
                if (!file.content().endsWith("\n")) {
                    out.println();
                }
            }
        }
        return 0;
    }
}
