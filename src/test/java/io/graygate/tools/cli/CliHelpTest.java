package io.graygate.tools.cli;

import io.graygate.testing.History;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A newcomer's first commands: help on every command, whole descriptions, errors in plain words. No database. */
class CliHelpTest {

    /** Every command and subcommand, as the words that name it ("report", "rules history", ...). */
    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        Main.forEachCommand(Main.commandLine(), command -> {
            if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
                paths.add(command.getCommandSpec().qualifiedName(" ").replaceFirst("^graygate ?", ""));
            }
        });
        return paths.stream();
    }

    @ParameterizedTest(name = "graygate {0} --help")
    @MethodSource("commands")
    void longHelpExitsZeroWithTheUsage(String command) {
        History.Cli result = History.run(args(command, "--help"));

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: graygate" + (command.isEmpty() ? "" : " " + command));
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "graygate {0} -h")
    @MethodSource("commands")
    void shortHelpExitsZeroWithTheUsage(String command) {
        History.Cli result = History.run(args(command, "-h"));

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: graygate" + (command.isEmpty() ? "" : " " + command));
    }

    @Test
    void thereAreManyCommandsAndSubcommands() {
        assertThat(commands().toList()).contains("", "report", "evaluate", "rules history", "bench evaluate").hasSizeGreaterThan(30);
    }

    @Test
    void topLevelHelpShowsEveryCommandsWholeDescription() {
        String help = History.run("--help").out();
        String letters = help.replaceAll("\\s+", "");

        Main.commandLine().getSubcommands().forEach((name, sub) -> {
            String whole = String.join(" ", sub.getCommandSpec().usageMessage().description()).replace("%n", " ");
            // wrapped to the terminal's width, so compared without the white space
            assertThat(letters).as(name).contains(whole.replaceAll("\\s+", ""));
        });
        assertThat(help).doesNotContain("%n");
    }

    @Test
    void aBadDateSaysWhichOptionAndTheFormatWithoutJavaClassNames() {
        History.Cli result = History.run("evaluate", "--stage", "gray_10pct", "--as-of", "2026-13-01");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("--as-of: '2026-13-01' is not a date (YYYY-MM-DD)")
                .doesNotContain("java.", "Exception", "LocalDate");
    }

    @Test
    void aBadNumberNamesTheOptionWithoutJavaClassNames() {
        History.Cli result = History.run("bench", "rollback", "--runs", "many");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("--runs: ").doesNotContain("java.", "Exception");
    }

    @Test
    void plainDropsTheExceptionClassPicocliAppends() {
        assertThat(Main.plain("Invalid value for option '--timeout': cannot convert 'x' to Duration "
                + "(java.time.format.DateTimeParseException: Text cannot be parsed to a Duration)"))
                .isEqualTo("--timeout: cannot convert 'x' to Duration");
    }

    private static String[] args(String command, String help) {
        List<String> all = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        all.add(help);
        return all.toArray(String[]::new);
    }
}
