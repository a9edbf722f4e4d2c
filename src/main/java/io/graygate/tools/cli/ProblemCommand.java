package io.graygate.tools.cli;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.facts.Severity;
import io.graygate.release.problems.NewProblem;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;

@Command(mixinStandardHelpOptions = true, name = "problem", description = {"The problem log: every alert and rollback trigger opens a problem;",
        "people add what they notice and record each solution. An unresolved critical problem holds every stage."},
        subcommands = {ProblemCommand.ListProblems.class, ProblemCommand.Show.class, ProblemCommand.Resolve.class,
                ProblemCommand.Add.class})
final class ProblemCommand {

    static <T> T withStore(CommonOptions common, Function<ProblemStoreContext, T> work) {
        ReleaseConfig release = common.release();
        try (Database db = common.openDatabase()) {
            return work.apply(new ProblemStoreContext(release, new ProblemStore(db.jdbi())));
        }
    }

    record ProblemStoreContext(ReleaseConfig release, ProblemStore store) {
    }

    static String line(Problem p) {
        String where = p.symbol().isEmpty() ? "" : " " + p.symbol();
        String state = p.open() ? "OPEN" : "resolved";
        return String.format("#%d  %-8s %-8s %s%s  %s..%s  %s  [%s]", p.id(), p.severity(), state, p.stage(), where,
                p.firstSeen(), p.lastSeen(), p.title(), p.code());
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the release's problems (open ones only with --open).")
    static final class ListProblems implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--open", description = "only problems without a solution")
        boolean openOnly;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            withStore(common, c -> c.store().list(c.release().name(), openOnly)).forEach(p -> out.println(line(p)));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show one problem with its sightings and solution.")
    static final class Show implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            Problem p = withStore(common, c -> c.store().find(id))
                    .orElseThrow(() -> new IllegalArgumentException("no problem #" + id));
            PrintWriter out = spec.commandLine().getOut();
            out.println(line(p));
            out.println("  metric: " + (p.metric().isEmpty() ? "-" : p.metric()) + "; seen by " + p.sightings()
                    + " evaluation(s); opened by " + p.openedBy() + " at " + p.openedAt() + " (" + p.origin() + ")");
            out.println(p.open() ? "  no solution yet" : "  solution: " + p.resolution().solution() + " (by "
                    + p.resolution().by() + " at " + p.resolution().at() + ")");
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "resolve", description = "Record how a problem was solved (once per problem).")
    static final class Resolve implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--solution", required = true, description = "what was done")
        String solution;
        @Option(names = "--by", required = true, paramLabel = "NAME", description = "who solved it")
        String by;

        @Override
        public void run() {
            Problem p = withStore(common, c -> c.store().resolve(id, solution, by));
            spec.commandLine().getOut().println(line(p));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = "Record a problem people noticed (it is not in the metrics).")
    static final class Add implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--stage", required = true, paramLabel = "NAME")
        String stage;
        @Option(names = "--title", required = true, description = "what was noticed")
        String title;
        @Option(names = "--severity", defaultValue = "WARNING", description = "INFO, WARNING or CRITICAL (default: ${DEFAULT-VALUE})")
        Severity severity;
        @Option(names = "--symbol", defaultValue = "")
        String symbol;
        @Option(names = "--metric", defaultValue = "")
        String metric;
        @Option(names = "--seen-on", paramLabel = "YYYY-MM-DD", description = "day it was seen (default: today, UTC)")
        LocalDate seenOn;
        @Option(names = "--by", required = true, paramLabel = "NAME")
        String by;

        @Override
        public void run() {
            LocalDate day = seenOn != null ? seenOn : LocalDate.now(ZoneOffset.UTC);
            Problem p = withStore(common, c -> {
                String stageName = c.release().requireStage(stage).name();
                return c.store().add(new NewProblem(c.release().name(), stageName, symbol, metric, severity, title, day, by));
            });
            spec.commandLine().getOut().println(line(p));
        }
    }
}
