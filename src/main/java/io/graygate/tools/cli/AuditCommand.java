package io.graygate.tools.cli;

import io.graygate.audit.AuditChain;
import io.graygate.audit.AuditSetup;
import io.graygate.audit.Checkpoint;
import io.graygate.audit.CheckpointLog;
import io.graygate.audit.ChainExport;
import io.graygate.audit.ChainVerification;
import io.graygate.audit.LegacyAdoption;
import io.graygate.audit.UnlinkedRow;
import io.graygate.platform.Json;
import io.graygate.platform.Database;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(mixinStandardHelpOptions = true, name = "audit", description = "The tamper-evident audit chain: verify it, export it, adopt legacy rows.")
final class AuditCommand {
    static final int BROKEN = 1;
    /** Unlinked rows printed one per line; the rest are counted. */
    private static final int SHOWN_UNLINKED = 50;

    @Spec
    CommandSpec spec;

    @Command(mixinStandardHelpOptions = true, name = "verify", description = {"Walk the audit chain and recompute what every link covers.",
            "Prints the chain length and head hash; exit 0 when intact, 1 at the first broken link",
            "(EDITED, REMOVED, INSERTED or DOWNGRADED, with its seq, table and row), when rows that should be",
            "chained have no link (UNLINKED, see audit link-legacy), when links were made with another audit key",
            "(KEY MISMATCH), or when a --checkpoint disagrees (TRUNCATED, REWRITTEN, FORGED_CHECKPOINT).",
            "Links are checked with the audit key of GRAYGATE_AUDIT_KEY_FILE; an unkeyed chain is reported as such."})
    int verify(@Mixin CommonOptions common,
               @Option(names = "--checkpoint", paramLabel = "FILE|HASH@SEQ", description = {"a checkpoint kept outside "
                       + "the database: HASH@SEQ as audit checkpoint prints it, or a checkpoints file (every line is",
                       "checked; graygate appends one to GRAYGATE_HOME/" + CheckpointLog.RELATIVE_PATH + " after every "
                       + "commit that adds links). Repeatable."}) List<String> checkpointArgs) {
        PrintWriter out = spec.commandLine().getOut();
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (String arg : checkpointArgs == null ? List.<String>of() : checkpointArgs) {
            Optional<Checkpoint> single = Checkpoint.parseShort(arg);
            if (single.isPresent()) {
                checkpoints.add(single.get());
            } else if (Files.isRegularFile(Path.of(arg))) {
                checkpoints.addAll(CheckpointLog.read(Path.of(arg)));
            } else {
                throw new IllegalArgumentException("--checkpoint " + arg + ": neither HASH@SEQ (64 hex digits, @, a seq) "
                        + "nor an existing checkpoints file");
            }
        }
        try (Database db = common.openDatabase()) {
            ChainVerification result = new AuditChain(db.jdbi()).verify(checkpoints);
            out.println("chain length " + result.length() + ", head " + result.headHash());
            out.println(result.keyId() == null ? "audit key: none configured (" + AuditSetup.KEY_FILE_ENV + ")"
                    : "audit key: " + result.keyId());
            if (result.recomputable()) {
                out.println(ChainVerification.UNKEYED_WARNING + " (" + result.unkeyedLinks() + " of " + result.length()
                        + " links unkeyed)");
            }
            if (!checkpoints.isEmpty()) {
                out.println(checkpoints.size() + " checkpoint(s) checked");
            }
            if (result.intact()) {
                out.println("intact");
                return 0;
            }
            if (result.firstBreak() != null) {
                out.println("BROKEN: " + result.firstBreak());
            }
            result.unchecked().forEach((keyId, count) -> out.println("KEY MISMATCH: " + count + " link(s) authenticated "
                    + "with audit key " + keyId + ", " + (result.keyId() == null ? "but no key is configured"
                    : "not the configured key " + result.keyId()) + ": their own hashes cannot be checked here "
                    + "(their order and content were)"));
            result.checkpoints().forEach(found -> out.println("BROKEN: " + found));
            result.unlinked().stream().limit(SHOWN_UNLINKED).forEach(row -> out.println("BROKEN: " + row));
            if (result.unlinked().size() > SHOWN_UNLINKED) {
                out.println("BROKEN: ... and " + (result.unlinked().size() - SHOWN_UNLINKED) + " more unlinked row(s)");
            }
            if (!result.unlinked().isEmpty()) {
                out.println(result.unlinked().size() + " unlinked row(s)");
            }
            return BROKEN;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "checkpoint", description = {"Print the chain's current head as a checkpoint: one JSON line (seq,",
            "hash, time, audit key id and MAC when a key is configured) and HASH@SEQ. Keep it outside the database",
            "(a ticket, a mail, another system); audit verify --checkpoint checks a chain against it later."})
    int checkpoint(@Mixin CommonOptions common) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            Checkpoint current = db.jdbi().inTransaction(AuditChain::checkpoint);
            out.println(Json.write(current));
            out.println(current.shortForm());
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "link-legacy", description = {"Adopt every row that has no chain link (stored before the chain existed,",
            "or written around graygate) into the chain: one transaction appends a link per row and an adoption",
            "record naming --by, itself chained. Check first with audit verify: adopted rows are trusted as they are now."})
    int linkLegacy(@Mixin CommonOptions common,
                   @Option(names = "--by", required = true, paramLabel = "NAME", description = "who adopts the rows") String by) {
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = common.openDatabase()) {
            Optional<LegacyAdoption.Adoption> adoption = new LegacyAdoption(db.jdbi()).adopt(by);
            if (adoption.isEmpty()) {
                out.println("no unlinked rows; nothing adopted");
                return 0;
            }
            LegacyAdoption.Adoption done = adoption.get();
            for (UnlinkedRow row : done.rows()) {
                out.println("linked " + row.table() + " " + row.id());
            }
            out.println("adoption #" + done.id() + " by " + done.adoptedBy() + ": " + done.rows().size()
                    + " row(s) linked; recorded at seq " + done.link().seq() + ", head " + done.link().hash());
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "export", description = {"Write the chain links created from --from to --to (UTC days) with the",
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
