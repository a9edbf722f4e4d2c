package io.graygate.tools.cli;

import io.graygate.alerting.Alert;
import io.graygate.alerting.AlertStore;
import io.graygate.alerting.DeliveryAttempt;
import io.graygate.alerting.Notification;
import io.graygate.platform.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.function.BiFunction;

@Command(mixinStandardHelpOptions = true, name = "alert", description = {"Alerts sent to the webhooks of config/alerts.yaml: ROLLBACK decisions, critical",
        "alerts, stale data and operators' rollbacks. Acknowledging one stops its escalation."},
        subcommands = {AlertCommand.ListAlerts.class, AlertCommand.Show.class, AlertCommand.Ack.class})
final class AlertCommand {

    static <T> T withStore(CommonOptions common, BiFunction<String, AlertStore, T> work) {
        String release = common.release().name();
        try (Database db = common.openDatabase()) {
            return work.apply(release, new AlertStore(db.jdbi()));
        }
    }

    static String line(Alert a) {
        String where = a.stage().isEmpty() ? "" : " " + a.stage();
        return String.format("#%d  %-8s %-7s %-17s%s  %s  %s", a.id(), a.severity(), a.state(), a.kind(), where,
                a.raisedAt(), a.summary());
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List the release's alerts, newest first (only open ones with --open).")
    static final class ListAlerts implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Option(names = "--open", description = "only alerts neither acknowledged nor cleared")
        boolean openOnly;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            withStore(common, (release, store) -> store.list(release, openOnly)).forEach(a -> out.println(line(a)));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show one alert with its reasons and every notification and delivery attempt.")
    static final class Show implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            withStore(common, (release, store) -> {
                Alert a = store.require(release, id);
                out.println(line(a));
                a.reasons().forEach(r -> out.println("  - " + r));
                if (a.evaluationId() != null) {
                    out.println("  evaluation #" + a.evaluationId());
                }
                if (a.ack() != null) {
                    out.println("  acknowledged by " + a.ack().by() + " at " + a.ack().at()
                            + (a.ack().note().isEmpty() ? "" : ": " + a.ack().note()));
                }
                if (a.clearedAt() != null) {
                    out.println("  cleared at " + a.clearedAt());
                }
                for (Notification n : store.notifications(a.id())) {
                    out.println("  level " + n.level() + " -> " + n.channel() + ": " + n.state(a) + " (due " + n.dueAt() + ")");
                    n.attempts().forEach(d -> out.println("    " + attempt(d)));
                }
                return a;
            });
        }

        private static String attempt(DeliveryAttempt d) {
            String answer = d.statusCode() == null ? "no answer" : "HTTP " + d.statusCode();
            return "attempt " + d.attempt() + " at " + d.attemptedAt() + " by " + d.instance() + ": " + answer
                    + (d.error().isEmpty() ? "" : " - " + d.error())
                    + (d.nextAttemptAt() == null ? "" : "; next attempt " + d.nextAttemptAt());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "ack", description = "Acknowledge an alert: escalation stops; recorded with who and when.")
    static final class Ack implements Runnable {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--by", required = true, paramLabel = "NAME", description = "who is on it")
        String by;
        @Option(names = "--note", defaultValue = "", description = "what is being done")
        String note;

        @Override
        public void run() {
            Alert a = withStore(common, (release, store) -> {
                store.require(release, id);
                return store.ack(id, by, note, Instant.now());
            });
            spec.commandLine().getOut().println(line(a));
            spec.commandLine().getOut().println("  acknowledged by " + a.ack().by() + " at " + a.ack().at()
                    + "; no further escalation");
        }
    }
}
