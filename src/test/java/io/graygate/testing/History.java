package io.graygate.testing;

import io.graygate.audit.Dataset;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds stored history for tests: the healthy {@link Dataset} from 2026-01-01 to 2026-01-20 with one crash
 * on 2026-01-19, and stage gray_10pct evaluated and stored for a range of as-of days. Also runs the CLI.
 */
public final class History {
    public static final LocalDate FIRST = LocalDate.parse("2026-01-01");
    public static final LocalDate LAST = LocalDate.parse("2026-01-20");
    public static final LocalDate CRASH_DAY = LocalDate.parse("2026-01-19");

    private History() {
    }

    public static ReleaseConfig release() {
        return ConfigLoader.load(Path.of("config/release.yaml"));
    }

    public static void ingest(Jdbi jdbi, Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Dataset.healthy(FIRST, LAST));
        lines.add(Dataset.eventLine(CRASH_DAY, "crash_count", 1));
        Path file = dir.resolve("history.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        IngestReport report = new Ingester(jdbi, release().catalogue()).ingestFile(file);
        if (report.rejected() > 0) {
            throw new IllegalStateException("dataset rejected: " + report.rejections());
        }
    }

    /** Stores one gray_10pct evaluation per as-of day from {@code from} to {@code to}, inclusive. */
    public static List<Evaluation> evaluate(Jdbi jdbi, RuleSet rules, LocalDate from, LocalDate to) {
        ReleaseConfig release = release();
        EvaluateStage evaluator = new EvaluateStage(jdbi);
        List<Evaluation> stored = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            stored.add(evaluator.evaluateAndStore(release, release.requireStage("gray_10pct"), rules, day, null, "test"));
        }
        return stored;
    }

    /** A copy of rules/ in {@code dir} with the first occurrence of {@code find} in gates.drl replaced. */
    public static Path rulesWith(Path dir, String find, String replacement) throws IOException {
        Path copy = dir.resolve("rules");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName().toString()));
            }
        }
        Path gates = copy.resolve("gates.drl");
        String content = Files.readString(gates);
        if (!content.contains(find)) {
            throw new IllegalStateException("gates.drl has no '" + find + "'");
        }
        Files.writeString(gates, content.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replacement)));
        return copy;
    }

    public record Cli(int status, String out, String err) {
    }

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = io.graygate.tools.cli.Main.run(args, o, e);
        }
        return new Cli(status, out.toString(), err.toString());
    }

    public static long count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
