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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The graygate command line. Exit status: 0 done, 1 done with rejected input, 2 error. */
@Command(name = "graygate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Steers staged (gray / canary) releases with Drools rules over metrics in PostgreSQL.",
        subcommands = {DemoCommand.class, IngestCommand.class, EvaluateCommand.class, ReplayCommand.class, AuditCommand.class,
                DbCommand.class, RulesCommand.class, ModesCommand.class, TuneCommand.class, BenchCommand.class,
                ProblemCommand.class, AttestCommand.class, ReportCommand.class, StageCommand.class, DecideCommand.class,
                StateCommand.class, RollbackCommand.class, HealthCommand.class, ServeCommand.class, AgentCommand.class, SimulateCommand.class,
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
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::badArguments);
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

    /**
     * The whole command tree, set up in one place: dates read as YYYY-MM-DD with an error that says so, and each
     * command list showing whole descriptions. Every command and subcommand declares mixinStandardHelpOptions
     * ({@code --help}, {@code -h}, {@code --version}; help skips the checks of required options): picocli passes
     * a method subcommand's options as its arguments, so they cannot be added here at run time.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.registerConverter(LocalDate.class, Main::date);
        forEachCommand(cli, command -> command.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList));
        return cli;
    }

    static void forEachCommand(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        for (CommandLine sub : new java.util.LinkedHashSet<>(command.getSubcommands().values())) {
            forEachCommand(sub, action);
        }
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** Subcommands with their whole descriptions, wrapped to the help's width (picocli shows the first line). */
    private static String commandList(CommandLine.Help help) {
        if (help.subcommands().isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        int nameWidth = help.subcommands().keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(nameWidth, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(width - nameWidth, 1, CommandLine.Help.Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> entry : help.subcommands().entrySet()) {
            String description = String.join(" ", entry.getValue().commandSpec().usageMessage().description())
                    .replace("%n", " ").replaceAll("\\s+", " ").trim();
            table.addRowValues(entry.getKey(), description);
        }
        return table.toString();
    }

    /**
     * Bad arguments: the message with the option first and no Java class names (picocli's own conversions
     * append the exception's class), then the command's usage, exit 2.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(plain(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(command.getHelp().fullSynopsis());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_ERROR;
    }

    private static final Pattern INVALID_VALUE = Pattern.compile("^Invalid value for (?:option|positional parameter(?: at index \\S+)?) '?([^':]+)'?: (.*)$", Pattern.DOTALL);
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\s*\\((?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b[^)]*\\)");

    static String plain(String message) {
        if (message == null) {
            return "invalid arguments";
        }
        String text = JAVA_EXCEPTION.matcher(message).replaceAll("");
        Matcher invalid = INVALID_VALUE.matcher(text);
        return invalid.matches() ? invalid.group(1) + ": " + invalid.group(2) : text;
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
        return e.getMessage() == null ? "an unexpected error with no message" : plain(e.getMessage());
    }

    private static void configureLogging(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("io.graygate")).setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
}
