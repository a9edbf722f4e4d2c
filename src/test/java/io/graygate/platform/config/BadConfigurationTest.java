package io.graygate.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.graygate.tools.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration file kind, every key: given a value of the wrong type, and a value of the right type
 * that is wrong, the CLI exits 2 with one message naming the file and the key path, and no stack trace
 * (unless --verbose). The shipped config is copied to a temporary directory and one key is changed per case.
 * release.yaml and the stage and metric files are read by {@code evaluate}; service.yaml by {@code serve}
 * (tokens given as sha256 so no environment is needed). Both would next open the database, which is a
 * closed port here: a case the loaders let through ends in a database error, not in the expected message.
 */
@DisplayName("bad configuration: file and key named, exit 2, no stack trace")
class BadConfigurationTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String NO_DATABASE = "jdbc:postgresql://127.0.0.1:1/none";
    private static final List<String> FILES = List.of("release.yaml", "production_gray_10pct.yaml",
            "production_gray_50pct.yaml", "production_full.yaml", "metrics.yaml", "service.yaml");

    @TempDir
    Path config;

    @BeforeEach
    void copyShippedConfig() throws IOException {
        for (String file : FILES) {
            Files.copy(Path.of("config", file), config.resolve(file));
        }
        write("service.yaml", withHashedTokens(read("service.yaml")));
    }

    /** The shipped tokens read secrets from the environment; the copy gives their hashes instead. */
    private static ObjectNode withHashedTokens(ObjectNode service) {
        int n = 0;
        for (Iterator<JsonNode> tokens = service.get("tokens").elements(); tokens.hasNext(); n++) {
            ObjectNode token = (ObjectNode) tokens.next();
            token.remove("token_env");
            token.put("sha256", ServiceConfigLoader.sha256("secret-" + n));
        }
        return service;
    }

    /** Every key path of every shipped file, with a value of another type than the one shipped. */
    static Stream<Arguments> everyKeyWithTheWrongType() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String file : FILES) {
            ObjectNode shipped = (ObjectNode) YAML.readTree(Path.of("config", file).toFile());
            collect(file, "", file.equals("service.yaml") ? withHashedTokens(shipped) : shipped, cases);
        }
        return cases.stream();
    }

    private static void collect(String file, String path, JsonNode node, List<Arguments> cases) {
        if (!path.isEmpty()) {
            cases.add(Arguments.of(file, path, wrongType(node)));
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(file, path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                    field.getValue(), cases));
        }
    }

    /** A mapping becomes a text, a list a mapping, anything else a list: each loader expects another kind. */
    private static String wrongType(JsonNode shipped) {
        if (shipped.isObject()) {
            return "'just a text'";
        }
        if (shipped.isArray()) {
            return "{wrong: 1}";
        }
        return "[1, 2]";
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("everyKeyWithTheWrongType")
    void wrongType(String file, String path, String value) throws IOException {
        set(file, path, value);

        assertRefused(file, path);
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    // Values are YAML; a YAML text in double quotes, since CsvSource takes single quotes for itself.
    @CsvSource(delimiter = '|', value = {
            "release.yaml               | release                            | \"\"                     | release",
            "release.yaml               | description                        | \"\"                     | description",
            "release.yaml               | universe                           | []                     | universe",
            "release.yaml               | universe                           | [BTCUSDT, BTCUSDT]     | universe[1]",
            "release.yaml               | stages                             | [nowhere.yaml]         | nowhere.yaml",
            "release.yaml               | stages                             | [production_gray_10pct.yaml, production_gray_10pct.yaml] | stages[1]",
            "release.yaml               | metrics                            | nowhere.yaml           | nowhere.yaml",
            "release.yaml               | data_coverage.min_day_fraction     | 1.5                    | data_coverage.min_day_fraction",
            "release.yaml               | data_coverage.typo                 | 1                      | data_coverage.typo",
            "release.yaml               | typo                               | 1                      | typo",
            "production_gray_10pct.yaml | stage                              | \"\"                     | stage",
            "production_gray_10pct.yaml | description                        | \"\"                     | description",
            "production_gray_10pct.yaml | traffic_percent                    | 0                      | traffic_percent",
            "production_gray_10pct.yaml | traffic_percent                    | 101                    | traffic_percent",
            "production_gray_10pct.yaml | traffic_percent                    | 10.5                   | traffic_percent",
            "production_gray_10pct.yaml | symbols                            | [NOTASYMBOL]           | symbols[0]",
            "production_gray_10pct.yaml | symbols                            | some                   | symbols",
            "production_gray_10pct.yaml | observation_days                   | 0                      | observation_days",
            "production_gray_10pct.yaml | hysteresis.min_active_windows      | 0                      | hysteresis.min_active_windows",
            "production_gray_10pct.yaml | hysteresis.min_quiet_windows       | -3                     | hysteresis.min_quiet_windows",
            "production_gray_10pct.yaml | hysteresis.active_threshold        | -0.1                   | hysteresis.active_threshold",
            "production_gray_10pct.yaml | hysteresis.window_seconds          | 0                      | hysteresis.window_seconds",
            "production_gray_10pct.yaml | hysteresis.typo                    | 1                      | hysteresis.typo",
            "production_gray_10pct.yaml | active_mode.profile                | {deep: 1}              | active_mode.profile",
            "production_gray_10pct.yaml | throttle_in_quiet                  | 'yes please'           | throttle_in_quiet",
            "production_gray_10pct.yaml | baseline.method                    | sometimes              | baseline.method",
            "production_gray_10pct.yaml | baseline.reference_days            | 0                      | baseline.reference_days",
            "production_gray_10pct.yaml | baseline.reference_from            | yesterday              | baseline.reference_from",
            "production_gray_10pct.yaml | baseline.reference_from            | 2026-01-10             | baseline.reference_to",
            "production_gray_10pct.yaml | required_metrics                   | [no_such_metric]       | required_metrics[0]",
            "production_gray_10pct.yaml | required_metrics                   | []                     | required_metrics",
            "production_gray_50pct.yaml | stage                              | gray_10pct             | stages",
            "production_full.yaml       | symbols                            | everything             | symbols",
            "metrics.yaml               | metrics.uptime_ratio.unit          | \"\"                     | metrics.uptime_ratio.unit",
            "metrics.yaml               | metrics.uptime_ratio.min           | 2                      | metrics.uptime_ratio.max",
            "metrics.yaml               | metrics.crash_count.integer        | 1                      | metrics.crash_count.integer",
            "metrics.yaml               | metrics.crash_count.min_samples    | 0                      | metrics.crash_count.min_samples",
            "metrics.yaml               | metrics.crash_count.baseline       | median                 | metrics.crash_count.baseline",
            "metrics.yaml               | metrics.crash_count.typo           | 1                      | metrics.crash_count.typo",
            "metrics.yaml               | metrics                            | {}                     | required_metrics[0]",
            "service.yaml               | listen.host                        | \"\"                     | listen.host",
            "service.yaml               | listen.port                        | 70000                  | listen.port",
            "service.yaml               | listen.port                        | \"8080\"               | listen.port",
            "service.yaml               | tokens.dashboard.role              | admin                  | tokens.dashboard.role",
            "service.yaml               | tokens.dashboard.sha256            | abc                    | tokens.dashboard.sha256",
            "service.yaml               | tokens.dashboard.token_env         | GRAYGATE_SURELY_UNSET  | tokens.dashboard.sha256",
            "service.yaml               | rules.reload                       | sometimes              | rules.reload",
            "service.yaml               | rules.poll_seconds                 | 0                      | rules.poll_seconds",
            "service.yaml               | rules.typo                         | 1                      | rules.typo",
            "service.yaml               | typo                               | 1                      | typo",
    })
    void wrongValue(String file, String path, String value, String namedKey) throws IOException {
        set(file, path, value);

        assertRefused(file, namedKey);
    }

    @Test
    @DisplayName("a key given twice is refused, not silently the last one; a YAML syntax error names its line")
    void duplicateKeyAndSyntaxError() throws IOException {
        Files.writeString(config.resolve("service.yaml"), Files.readString(config.resolve("service.yaml")) + "listen: {port: 1}\n");
        assertRefused("service.yaml", "listen");

        Files.writeString(config.resolve("release.yaml"), "release: x\nuniverse: [a, b\nstages: []\n");
        Cli cli = runFor("release.yaml");
        assertThat(cli.err()).contains("release.yaml: not valid YAML at line ");
    }

    @Test
    @DisplayName("two tokens with one secret are refused: the role would depend on which one matched")
    void sameSecretForTwoTokens() throws IOException {
        ObjectNode service = read("service.yaml");
        ((ObjectNode) service.get("tokens").get("metrics-pusher")).put("sha256", service.get("tokens").get("dashboard").get("sha256").asText());
        write("service.yaml", service);

        assertRefused("service.yaml", "tokens.metrics-pusher");
        assertThat(runFor("service.yaml").err()).contains("the same secret as token 'dashboard'");
    }

    @Test
    @DisplayName("--verbose adds the stack trace")
    void verboseShowsTheStackTrace() throws IOException {
        set("production_gray_10pct.yaml", "traffic_percent", "0");

        Cli cli = run("evaluate", "--stage", "gray_10pct", "--as-of", "2026-01-10", "--release",
                config.resolve("release.yaml").toString(), "--db-url", NO_DATABASE, "--verbose");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("traffic_percent").contains("\tat io.graygate.platform.config.");
    }

    private void assertRefused(String file, String namedKey) {
        Cli cli = runFor(file);

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        String message = cli.err().lines().findFirst().orElse("");
        assertThat(message).as(cli.err()).startsWith("graygate: ").contains(namedKey);
        assertThat(cli.err()).as("names the file").contains(config.toString()).contains(".yaml");
        assertThat(cli.err()).as("no stack trace").doesNotContain("\tat ", "Exception", "--verbose");
    }

    private Cli runFor(String file) {
        if (file.equals("service.yaml")) {
            return run("serve", "--config", config.resolve("service.yaml").toString(), "--release",
                    config.resolve("release.yaml").toString(), "--db-url", NO_DATABASE, "--port", "0");
        }
        return run("evaluate", "--stage", "gray_10pct", "--as-of", "2026-01-10", "--release",
                config.resolve("release.yaml").toString(), "--rules", config.resolve("no-rules").toString(), "--db-url", NO_DATABASE);
    }

    record Cli(int status, String err) {
    }

    private static Cli run(String... args) {
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter out = new PrintWriter(new StringWriter()); PrintWriter e = new PrintWriter(err)) {
            status = Main.run(args, out, e);
        }
        return new Cli(status, err.toString());
    }

    /** Sets a dotted key path of a file to a YAML value (flow syntax), creating the last key if needed. */
    private void set(String file, String path, String yamlValue) throws IOException {
        ObjectNode root = read(file);
        String[] keys = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = (ObjectNode) parent.get(keys[i]);
        }
        parent.set(keys[keys.length - 1], YAML.readTree("v: " + yamlValue).get("v"));
        write(file, root);
    }

    private ObjectNode read(String file) throws IOException {
        return (ObjectNode) YAML.readTree(config.resolve(file).toFile());
    }

    private void write(String file, ObjectNode root) {
        try {
            YAML.writeValue(config.resolve(file).toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
