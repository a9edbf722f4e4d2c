package io.graygate.scripts;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/gray_release/*.sh run for real, with GRAYGATE pointing at the compiled classes. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class GrayReleaseScriptsTest {
    private static String url;
    private static Path graygate;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        graygate = dir.resolve("graygate");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(graygate, "#!/usr/bin/env bash\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' io.graygate.tools.cli.Main \"$@\"\n");
        assertThat(graygate.toFile().setExecutable(true)).isTrue();
    }

    private record Result(int status, String output) {
    }

    private static Result script(String name, Map<String, String> env, String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("bash", "scripts/gray_release/" + name));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GRAYGATE", graygate.toString());
        pb.environment().put("GRAYGATE_DB_URL", url);
        pb.environment().put("GRAYGATE_OPERATOR", "script-test");
        pb.environment().put("GRAYGATE_SERVICE_URL", "");
        pb.environment().putAll(env);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    @Test
    void startTenPercentIsRefusedWithTheStatementsNotYetMade() throws Exception {
        Result result = script("start_10pct.sh", Map.of());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output()).contains("not stated yes: grafana_dashboard (Grafana dashboard ready)");
    }

    @Test
    void healthCheckPassesOnAHealthyInstallation() throws Exception {
        Result result = script("health_check.sh", Map.of());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok   database", "ok   rules", "health check passed");
    }

    @Test
    void healthCheckFailsAndSaysWhyWhenTheDatabaseIsUnreachable() throws Exception {
        Result result = script("health_check.sh", Map.of("GRAYGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"));

        assertThat(result.status()).isNotZero();
        assertThat(result.output()).contains("FAIL database", "unreachable", "health check FAILED");
    }

    @Test
    void healthCheckFailsWhenTheRulesDoNotCompileOrTheServiceDoesNotAnswer(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("rules"));
        Files.writeString(base.resolve("rules/broken.drl"), "package graygate.rules;\nrule \"x\" when then oops end\n");
        copyDir(Path.of("config"), base.resolve("config"));

        Result result = script("health_check.sh", Map.of("GRAYGATE_BASE", base.toString(),
                "GRAYGATE_SERVICE_URL", "http://127.0.0.1:1"));

        assertThat(result.status()).isNotZero();
        assertThat(result.output()).contains("FAIL rules", "FAIL service", "does not answer");
    }

    @Test
    void rollbackWorksWhenTheRulesDoNotCompile(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("rules"));
        Files.writeString(base.resolve("rules/broken.drl"), "rule \"x\" when then oops end\n");
        copyDir(Path.of("config"), base.resolve("config"));

        Result result = script("rollback.sh", Map.of("GRAYGATE_BASE", base.toString()), "crash");

        assertThat(result.output()).contains("rolled back dynamic-mode-switch to baseline", "ETHUSDT_DYNAMIC_MODE_ENABLED=false",
                "FAIL rules", "rollback effective after ", "(no live agent)");
        assertThat(result.status()).as("the rollback itself succeeded; only the health check complains").isZero();
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
