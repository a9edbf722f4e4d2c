package io.graygate.service;

import io.graygate.platform.config.ConfigException;
import io.graygate.platform.config.PageSettings;
import io.graygate.platform.config.Role;
import io.graygate.platform.config.ScheduleConfig;
import io.graygate.platform.config.ServiceConfig;
import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** config/service.yaml: secrets from the environment or a file, kept only as SHA-256. */
class ServiceConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of("GRAYGATE_TOKEN_VIEWER", "v", "GRAYGATE_TOKEN_ANALYST", "a",
            "GRAYGATE_TOKEN_OPERATOR", "o", "GRAYGATE_TOKEN_INGEST", "i", "GRAYGATE_TOKEN_AGENT", "g");

    @Test
    void theShippedFileLoadsWithSecretsFromTheEnvironmentHashed() {
        ServiceConfig config = ServiceConfigLoader.load(Path.of("config/service.yaml"), ENV);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.tokens()).extracting(ServiceToken::name, ServiceToken::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dashboard", Role.VIEWER),
                org.assertj.core.groups.Tuple.tuple("analysts", Role.ANALYST),
                org.assertj.core.groups.Tuple.tuple("release-operator", Role.OPERATOR),
                org.assertj.core.groups.Tuple.tuple("metrics-pusher", Role.INGEST),
                org.assertj.core.groups.Tuple.tuple("strategy-agents", Role.AGENT));
        assertThat(config.tokens().get(2).sha256()).isEqualTo(ServiceConfigLoader.sha256("o")).doesNotContain("o\n");
        assertThat(config.tokens().toString()).doesNotContain(config.tokens().get(0).sha256());
        assertThat(config.rulesReload()).isEqualTo(new ServiceConfig.RulesReload(true, 2));
        assertThat(config.schedule().enabled()).isTrue();
        assertThat(config.schedule().time()).isEqualTo(LocalTime.of(0, 30));
        assertThat(config.schedule().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.schedule().businessDays()).containsExactlyInAnyOrder(DayOfWeek.values());
        assertThat(config.schedule().catchUpMaxDays()).isEqualTo(14);
    }

    @Test
    void withoutAScheduleSectionTheServiceEvaluatesNothingByItself(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, "tokens: {}\n");
        assertThat(ServiceConfigLoader.load(file, Map.of()).schedule().enabled()).isFalse();

        Files.writeString(file, "tokens: {}\nschedule:\n  business_days: [MON, FRI]\n  skip_dates: [2026-12-25]\n");
        ScheduleConfig schedule = ServiceConfigLoader.load(file, Map.of()).schedule();
        assertThat(schedule.enabled()).isTrue();
        assertThat(schedule.businessDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(schedule.skipDates()).containsExactly(LocalDate.parse("2026-12-25"));
        assertThat(schedule.retryAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "time: 1230                 | schedule.time: expected \"HH:MM\", got 1230",
            "time: \"24:00\"            | schedule.time: expected \"HH:MM\" (00:00 to 23:59), got '24:00'",
            "zone: Mars/Olympus         | schedule.zone: expected a time zone such as UTC or Asia/Shanghai, got 'Mars/Olympus'",
            "business_days: [MON, Fri]  | schedule.business_days[1]: expected one of MON, TUE, WED, THU, FRI, SAT, SUN, got 'Fri'",
            "skip_dates: [2026-13-01]   | schedule.skip_dates[0]: expected a date YYYY-MM-DD, got '2026-13-01'",
            "catch_up_max_days: 0       | schedule.catch_up_max_days: expected a whole number from 1 to 366, got 0",
            "every: day                 | schedule.every: unknown key"})
    void aBadScheduleIsRefusedNamingTheFileAndKey(String line, String message, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, "tokens: {}\nschedule:\n  " + line.strip() + "\n");
        assertThatThrownBy(() -> ServiceConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(file + ": " + message.strip());
    }

    @Test
    void theRulesReloadKeysAreReadAndDefaultToWatchingEveryTwoSeconds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, "rules:\n  reload: false\n  poll_seconds: 30\ntokens:\n  ops:\n    role: operator\n    sha256: "
                + "a".repeat(64) + "\n");
        assertThat(ServiceConfigLoader.load(file, Map.of()).rulesReload()).isEqualTo(new ServiceConfig.RulesReload(false, 30));

        Files.writeString(file, "tokens:\n  ops:\n    role: operator\n    sha256: " + "a".repeat(64) + "\n");
        assertThat(ServiceConfigLoader.load(file, Map.of()).rulesReload()).isEqualTo(ServiceConfig.RulesReload.DEFAULT);
    }

    @Test
    void aSecretFileIsReadRelativeToTheConfigAndAMissingVariableIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("op.token"), "s3cret\n");
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, "tokens:\n  ops:\n    role: operator\n    token_file: op.token\n");
        assertThat(ServiceConfigLoader.load(file, Map.of()).tokens().get(0).sha256())
                .isEqualTo(ServiceConfigLoader.sha256("s3cret"));

        Files.writeString(file, "tokens:\n  ops:\n    role: operator\n    token_env: NOPE\n");
        assertThatThrownBy(() -> ServiceConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOPE is not set");

        Files.writeString(file, "tokens:\n  ops:\n    role: admin\n    sha256: " + "0".repeat(64) + "\n");
        assertThatThrownBy(() -> ServiceConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected viewer, analyst, operator, ingest or agent");
    }

    @Test
    void thePageSettingsHaveDefaultsAndBoundsNamedInTheError(@TempDir Path dir) throws IOException {
        assertThat(ServiceConfigLoader.load(Path.of("config/service.yaml"), ENV).page())
                .isEqualTo(new PageSettings(30, Duration.ofHours(12)));
        Path file = dir.resolve("service.yaml");
        Files.writeString(file, "tokens:\n  v:\n    role: viewer\n    sha256: " + "a".repeat(64) + "\n");
        assertThat(ServiceConfigLoader.load(file, Map.of()).page()).isEqualTo(PageSettings.DEFAULTS);

        Files.writeString(file, "page:\n  refresh_seconds: 1\ntokens:\n  v:\n    role: viewer\n    sha256: " + "a".repeat(64) + "\n");
        assertThatThrownBy(() -> ServiceConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("page.refresh_seconds")
                .hasMessageContaining("from 5 to 3600");
    }
}
