package io.graygate.tools.cli;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.facts.Verdict;
import io.graygate.release.Releases;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** stage start / decide / state / rollback on the command line, in the order an operator runs them. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class LifecycleCliTest {
    private static String url;
    private static Database db;

    @BeforeAll
    static void setUp(Database database) {
        db = database;
        url = ((PGSimpleDataSource) database.dataSource()).getURL();
    }

    /** The command with this test's database and release appended, through the shared test runner. */
    private static History.Cli run(String... args) {
        return History.run(withDatabase(args));
    }

    private static String[] withDatabase(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", url, "--release", "config/release.yaml"));
        return all.toArray(String[]::new);
    }

    @Test
    void theOperatorsDayFromRefusalToRollback() {
        History.Cli refused = run("stage", "start", "gray_10pct", "--by", "alice");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("refused: cannot start stage 1 (gray_10pct)",
                "not stated yes: real_env_test_24h (24-hour real-environment test passed): nobody has stated it; "
                        + "graygate attest --stage gray_10pct --check real_env_test_24h --value yes --by NAME",
                "not stated yes: rollback_drilled", "not stated yes: alert_channel");

        for (String p : List.of("real_env_test_24h", "e2e_integration_test", "grafana_dashboard", "alert_channel", "team_trained")) {
            History.Cli stated = run("attest", "--stage", "gray_10pct", "--check", p, "--value", "yes", "--by", "bob");
            assertThat(stated.status()).as(stated.err()).isZero();
        }
        History.Cli drill = run("rollback", "--drill", "--by", "dave");
        assertThat(drill.status()).as(drill.err()).isZero();
        assertThat(drill.out()).contains("recorded: gray_10pct rollback_drilled = yes by dave");
        String drillNote = db.jdbi().withHandle(h -> h.createQuery("SELECT note FROM attestation WHERE check_name = "
                + "'rollback_drilled' ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
        assertThat(drillNote)
                .startsWith("graygate rollback --drill: baseline visible to a separate reader after ").contains(" ms (limit PT1M)");
        History.Cli started = run("stage", "start", "gray_10pct", "--by", "alice", "--reason", "prerequisites done");
        assertThat(started.status()).as(started.err()).isZero();
        assertThat(started.out()).contains("started stage 1 (gray_10pct) of dynamic-mode-switch");

        History.Cli env = run("state", "--symbol", "ETHUSDT", "--format", "env");
        assertThat(env.out().lines()).contains("STRATEGY_MODE=quiet", "DYNAMIC_MODE_ENABLED=true", "MIN_ACTIVE_WINDOWS=5",
                "MIN_QUIET_WINDOWS=10", "ACTIVE_THRESHOLD=0.6", "QUIET_THRESHOLD=0.6", "THROTTLE_IN_QUIET=false");
        assertThat(run("state", "--symbol", "ETHUSDT", "--format", "json").out())
                .contains("\"activeThreshold\" : 0.6", "\"quietThreshold\" : 0.6");
        assertThat(run("state", "--symbol", "ETHUSDT").out()).contains("activeThreshold=0.6, quietThreshold=0.6");
        assertThat(run("state", "--symbol", "BTCUSDT", "--format", "env").out().lines())
                .containsExactly("STRATEGY_MODE=quiet", "DYNAMIC_MODE_ENABLED=false");

        long evaluation = Releases.evaluation(db.jdbi(), ConfigLoader.load(Path.of("config/release.yaml")), 1, Verdict.ADVANCE);
        History.Cli decided = run("decide", String.valueOf(evaluation), "--reject", "--by", "carol", "--reason", "wait a day");
        assertThat(decided.status()).as(decided.err()).isZero();
        assertThat(decided.out()).contains("recommendation ADVANCE, rejected (override) by carol -> HOLD");

        History.Cli rollback = run("rollback", "--reason", "drill for real", "--by", "dave");
        assertThat(rollback.status()).isZero();
        assertThat(run("state", "--format", "env").out().lines())
                .contains("ETHUSDT_STRATEGY_MODE=quiet", "ETHUSDT_DYNAMIC_MODE_ENABLED=false")
                .noneMatch(l -> l.endsWith("DYNAMIC_MODE_ENABLED=true"));
        assertThat(run("state", "--format", "json").out()).contains("\"phase\" : \"ROLLED_BACK\"");
    }

    @Test
    void decideNeedsExactlyOneOfApproveAndReject() {
        History.Cli both = run("decide", "1", "--approve", "--reject", "--by", "carol", "--reason", "x");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void theRollbackDrillReportsItsTime() {
        History.Cli drill = run("rollback", "--drill", "--by", "drill-bot");
        assertThat(drill.status()).as(drill.err()).isZero();
        assertThat(drill.out()).containsPattern("rollback drill on drill-dynamic-mode-switch-\\w+: baseline visible to a "
                + "separate reader after [0-9.]+ ms");
    }
}
