package io.graygate.alerting;

import io.graygate.platform.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** config/alerts.yaml: channels with URLs from the environment, escalation levels, and errors naming file and key. */
class AlertConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of("SLACK_URL", "https://hooks.example/T1/B2", "LEAD_URL", "http://lead:9000/hook");
    private static final String VALID = """
            channels:
              oncall-slack: {type: slack, url_env: SLACK_URL}
              lead-webhook: {type: generic, url_env: LEAD_URL}
            escalation:
              - {notify: [oncall-slack], after: 0m}
              - {notify: [lead-webhook, oncall-slack], after: 15m}
            delivery: {max_attempts: 4, backoff: 10s}
            stale_data: {max_age: 2h, metrics: [activity]}
            links: {base_url: "http://graygate:8080"}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsChannelsLevelsAndPolicies() throws IOException {
        AlertConfig config = AlertConfigLoader.load(write(VALID), ENV);

        assertThat(config.channel("oncall-slack").type()).isEqualTo(ChannelType.SLACK);
        assertThat(config.channel("lead-webhook").url()).hasToString("http://lead:9000/hook");
        assertThat(config.escalation()).extracting(EscalationLevel::after).containsExactly(Duration.ZERO, Duration.ofMinutes(15));
        assertThat(config.escalation().get(1).channels()).containsExactly("lead-webhook", "oncall-slack");
        assertThat(config.delivery()).isEqualTo(new DeliveryPolicy(4, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15)));
        assertThat(config.staleData()).isEqualTo(new StaleDataPolicy(Duration.ofHours(2), List.of("activity")));
        assertThat(config.linkBase()).hasToString("http://graygate:8080");
    }

    @Test
    void theShippedFileLoadsWithoutSecrets() {
        AlertConfig shipped = AlertConfigLoader.load(Path.of("config/alerts.yaml"), Map.of());

        assertThat(shipped.channels()).isEmpty();
        assertThat(shipped.staleData().metrics()).isNotEmpty();
    }

    @Test
    void backoffDoublesAfterEachFailureAndStopsAtTheLastAttempt() {
        DeliveryPolicy policy = new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(policy.nextAttempt(t, 1)).isEqualTo(t.plusSeconds(30));
        assertThat(policy.nextAttempt(t, 2)).isEqualTo(t.plusSeconds(60));
        assertThat(policy.nextAttempt(t, 3)).isNull();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "url_env: SLACK_URL|url_env: MISSING_URL|channels.oncall-slack.url_env: environment variable MISSING_URL is not set",
            "type: slack|type: teams|channels.oncall-slack.type: expected slack or generic, got 'teams'",
            "notify: [lead-webhook, oncall-slack]|notify: [pager]|escalation[1].notify[0]: no channel named 'pager'",
            "after: 15m|after: 15 minutes|escalation[1].after: expected a duration like 30s, 15m, 2h or 1d, got '15 minutes'",
            "after: 15m|after: 0m|escalation[1].after: must be later than the previous level's PT0S",
            "max_attempts: 4|max_attempts: 0|delivery.max_attempts: expected a whole number from 1 to 50, got 0",
            "max_age: 2h|max_age: 0m|stale_data.max_age: must be longer than 0",
            "links:|link:|link: unknown key",
    })
    void badInputIsAnErrorNamingFileAndKey(String from, String to, String expected) throws IOException {
        Path file = write(VALID.replace(from, to));
        assertThatThrownBy(() -> AlertConfigLoader.load(file, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() throws IOException {
        Path file = write(VALID);

        assertThatThrownBy(() -> AlertConfigLoader.load(file, Map.of("SLACK_URL", "ftp://x/y", "LEAD_URL", "http://lead/")))
                .hasMessageContaining("channels.oncall-slack.url_env: expected an http(s) URL");
    }
}
