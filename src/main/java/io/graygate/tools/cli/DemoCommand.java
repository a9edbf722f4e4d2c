package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.tools.demo.DemoResult;
import io.graygate.tools.demo.DemoRunner;
import io.graygate.tools.demo.TimelineEntry;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import io.graygate.intake.IngestReport;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.platform.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(mixinStandardHelpOptions = true, name = "demo", description = {"The main job on synthetic data: a three-stage release over 20 symbols with",
        "a stage-1 incident, ingested, evaluated day by day with the shipped rules, decisions stored.",
        "Uses its own embedded database (graygate_demo) unless --db-url is given; GRAYGATE_DB_URL is ignored",
        "so the demo never writes synthetic data into a real database. It ends with the commands that show",
        "its results: report, state, audit and serve with --demo read that database."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ReleaseConfig release = common.release();
        RuleSet rules = common.rulesForEvaluation();
        Path home = DatabaseSettings.graygateHome(Map.copyOf(System.getenv()));
        DatabaseSettings settings = common.database.url != null ? common.databaseSettings()
                : DatabaseSettings.demo(Map.copyOf(System.getenv()));
        out.println("graygate demo: release '" + release.name() + "', " + release.stages().size() + " stages, "
                + rules.rules().size() + " rules (sha256 " + rules.sha256().substring(0, 12) + ")");
        try (Database db = Database.open(settings)) {
            out.println("database: " + db.description());
            DemoResult result = new DemoRunner(db, release, rules).run(home.resolve("demo-data"), line -> {
                out.println("  " + line);
                out.flush();
            });
            printIngest(out, result.ingests());
            printTimeline(out, result.timeline(), release.stages().size());
            result.timeline().stream().filter(t -> t.evaluation().decision() == Verdict.ROLLBACK).findFirst()
                    .ifPresent(t -> out.printf("%nThe rollback as the on-call operator reads it (graygate evaluate):%n%n%s%n",
                            EvaluationOutput.text(t.evaluation(), release.stages().size(), rules)));
            String database = common.database.url != null ? "--db-url " + common.database.url : "--demo";
            out.printf("%nSee the results (these commands read the demo's database):%n");
            result.nextSteps(database).forEach(step -> out.println("  " + step));
            out.printf("%nYour own data: graygate ingest FILE... then graygate evaluate --stage gray_10pct --as-of DAY%n");
        }
        return 0;
    }

    private static void printIngest(PrintWriter out, List<IngestReport> reports) {
        long accepted = reports.stream().mapToLong(IngestReport::accepted).sum();
        long duplicates = reports.stream().mapToLong(IngestReport::duplicates).sum();
        long conflicts = reports.stream().mapToLong(IngestReport::conflicts).sum();
        long rejected = reports.stream().mapToLong(IngestReport::rejected).sum();
        out.printf("%ningest: %d files, %,d samples accepted, %,d duplicates, %,d conflicts, %,d rejected%n",
                reports.size(), accepted, duplicates, conflicts, rejected);
        if (duplicates > 0) {
            out.println("  (duplicates: this history was loaded before; loading is idempotent)");
        }
        reports.stream().flatMap(r -> r.rejections().stream()).forEach(r -> out.println("  rejected " + r));
    }

    private static void printTimeline(PrintWriter out, List<TimelineEntry> timeline, int stageCount) {
        out.printf("%ndecision timeline (each line is a stored evaluation):%n");
        out.printf("  %-10s  %-11s %-5s %-8s  %-5s  %s%n", "as of", "stage", "day", "decision", "id", "why");
        String previousPhase = "";
        for (TimelineEntry entry : timeline) {
            Evaluation e = entry.evaluation();
            if (!entry.phase().note().equals(previousPhase)) {
                out.println("  -- " + entry.phase().note() + " (" + e.stage() + ", stage " + e.stageNumber() + " of "
                        + stageCount + ", since " + entry.phase().from() + ")");
                previousPhase = entry.phase().note();
            }
            out.printf("  %-10s  %-11s %-5s %-8s  #%-4d  %s%n", e.asOf(), e.stage(),
                    e.window().daysObserved() + "/" + e.window().observationDays(), e.decision(), e.id(), why(e));
        }
        Map<String, Long> counts = timeline.stream().collect(Collectors.groupingBy(
                t -> t.evaluation().decision().name(), java.util.TreeMap::new, Collectors.counting()));
        out.printf("%n%d evaluations stored for audit: %s%n", timeline.size(), counts);
    }

    private static String why(Evaluation e) {
        List<CastVote> reasons = e.reasons();
        if (e.decision() == Verdict.ADVANCE) {
            long conditions = reasons.stream().filter(v -> v.vote().kind() == VoteKind.GATE).count();
            return "all " + conditions + " advance conditions met";
        }
        String text = reasons.stream().map(v -> v.vote().kind() == VoteKind.ENGINE || v.vote().kind() == VoteKind.ALERT
                        ? v.vote().message() : v.vote().code() + ": " + v.vote().message())
                .distinct().limit(3).collect(Collectors.joining("; "));
        return reasons.size() > 3 ? text + "; +" + (reasons.size() - 3) + " more" : text;
    }
}
