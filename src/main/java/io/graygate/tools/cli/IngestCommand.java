package io.graygate.tools.cli;

import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.MetricCatalogue;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "ingest", description = {"Load metric samples from CSV (ts,metric,value,symbol,source) or JSON Lines.",
        "Each file is one transaction. Rejected lines are printed as FILE:LINE: reason and kept in the database.",
        "Exit status 1 when any line was rejected."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to load (.csv, .jsonl; .gz accepted)")
    List<Path> files;

    @Override
    public Integer call() {
        MetricCatalogue catalogue = ConfigLoader.load(common.releaseFile()).catalogue();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean anyRejected = false;
        try (Database db = common.openDatabase()) {
            Ingester ingester = new Ingester(db.jdbi(), catalogue);
            for (Path file : files) {
                IngestReport report = ingester.ingestFile(file);
                report.rejections().forEach(err::println);
                report.conflictDetails().forEach(err::println);
                out.println(report.summary());
                anyRejected |= report.rejected() > 0;
            }
        }
        return anyRejected ? 1 : 0;
    }
}
