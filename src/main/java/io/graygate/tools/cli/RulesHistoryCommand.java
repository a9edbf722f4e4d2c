package io.graygate.tools.cli;

import io.graygate.platform.Database;
import io.graygate.rules.history.RuleSetHistory;
import io.graygate.rules.history.RuleSetVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "history", description = "List the stored rule sets, newest first: SHA-256, when first stored, "
        + "by whom, how many files, how many evaluations used it.")
final class RulesHistoryCommand implements Callable<Integer> {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            List<RuleSetVersion> versions = new RuleSetHistory(db.jdbi()).list();
            out.printf("%-64s  %-20s  %-20s  %5s  %11s%n", "sha256", "first stored", "loaded by", "files", "evaluations");
            for (RuleSetVersion v : versions) {
                out.printf("%-64s  %-20s  %-20s  %5d  %11d%n", v.sha256(), UTC.format(v.firstStored().withOffsetSameInstant(ZoneOffset.UTC)),
                        v.loadedBy(), v.fileCount(), v.evaluations());
            }
            out.println(versions.size() + " rule set(s) stored");
        }
        return 0;
    }
}
