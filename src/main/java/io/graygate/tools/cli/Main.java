package io.graygate.tools.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.graygate.platform.config.ConfigException;
import io.graygate.decision.RuleRunException;
import io.graygate.intake.IngestException;
import io.graygate.rules.RuleCompileException;
import io.graygate.platform.DatabaseException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The graygate command line. Exit status: 0 done, 1 done with rejected input, 2 error. */
@Command(name = "graygate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Steers staged (gray / canary) releases with Drools rules over metrics in PostgreSQL.",
        subcommands = {DemoCommand.class, IngestCommand.class, EvaluateCommand.class, ReplayCommand.class, AuditCommand.class,
                DbCommand.class, RulesCommand.class, ModesCommand.class, TuneCommand.class, BenchCommand.class,
                ProblemCommand.class, AttestCommand.class, ReportCommand.class, StageCommand.class, DecideCommand.class,
                StateCommand.class, RollbackCommand.class, HealthCommand.class, ServeCommand.class,
                PullCommand.class, AlertCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int EXIT_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        configureLogging(verbose);
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("graygate: " + describe(e));
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            } else if (!isExpected(e)) {
                commandLine.getErr().println("(run with --verbose for the stack trace)");
            }
            commandLine.getErr().flush();
            return EXIT_ERROR;
        });
        cli.setExitCodeExceptionMapper(e -> EXIT_ERROR);
        return cli.execute(args);
    }

    private static boolean isExpected(Exception e) {
        return e instanceof ConfigException || e instanceof RuleCompileException || e instanceof IngestException
                || e instanceof DatabaseException || e instanceof RuleRunException || e instanceof IllegalArgumentException
                || e instanceof io.graygate.rules.RuleSignatureException;
    }

    private static String describe(Exception e) {
        if (e instanceof RuleCompileException compile) {
            return "rules do not compile:\n" + compile.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void configureLogging(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("io.graygate")).setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
}
