package io.graygate.cli;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainExport;
import io.graygate.audit.ChainVerification;
import io.graygate.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

@Command(name = "audit", description = "The tamper-evident audit chain: verify it, export it.")
final class AuditCommand {
    static final int BROKEN = 1;

    @Spec
    CommandSpec spec;

    @Command(name = "verify", description = {"Walk the audit chain and recompute what every link covers.",
            "Prints the chain length and head hash; exit 0 when intact, 1 at the first broken link",
            "(EDITED, REMOVED or INSERTED, with its seq)."})
    int verify(@Mixin CommonOptions common) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            ChainVerification result = new AuditChain(db.jdbi()).verify();
            out.println("chain length " + result.length() + ", head " + result.headHash());
            if (result.intact()) {
                out.println("intact");
                return 0;
            }
            out.println("BROKEN: " + result.firstBreak());
            return BROKEN;
        }
    }

    @Command(name = "export", description = {"Write the chain links created from --from to --to (UTC days) with the",
            "content they cover as JSON Lines, and the chain's head hash as the last line. Keep it elsewhere."})
    int export(@Mixin CommonOptions common,
               @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD") LocalDate from,
               @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD") LocalDate to,
               @Option(names = "--out", paramLabel = "FILE", description = "output file (default: standard output)") Path file) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        try (Database db = common.openDatabase()) {
            ChainExport export = new ChainExport(db.jdbi());
            if (file == null) {
                PrintWriter out = spec.commandLine().getOut();
                export.write(out, from, to);
                out.flush();
                return 0;
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                long links = export.write(writer, from, to);
                spec.commandLine().getErr().println(links + " link(s) written to " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
