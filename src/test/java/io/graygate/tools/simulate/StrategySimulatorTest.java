package io.graygate.tools.simulate;

import io.graygate.modeswitch.HysteresisParams;
import io.graygate.modeswitch.PlainHysteresis;
import io.graygate.platform.Database;
import io.graygate.service.TestServer;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference strategy over an env file as an agent writes it: with dynamic mode on it switches as the project's
 * own state machine does over the same feed, with it off it never switches, and every sample it pushes is stored.
 */
@ExtendWith(TestDatabase.class)
class StrategySimulatorTest {
    private static final int WINDOWS = 120;

    @Test
    void switchesWithTheEnvFilesHysteresisAndPushesEveryMetric(Database db, @TempDir Path dir) throws Exception {
        Path env = dir.resolve("strategy.env");
        Files.write(env, List.of("ETHUSDT_STRATEGY_MODE=quiet", "ETHUSDT_DYNAMIC_MODE_ENABLED=true",
                "ETHUSDT_MIN_ACTIVE_WINDOWS=3", "ETHUSDT_MIN_QUIET_WINDOWS=4", "ETHUSDT_ACTIVE_THRESHOLD=0.6",
                "ETHUSDT_QUIET_THRESHOLD=0.6", "ETHUSDT_THROTTLE_IN_QUIET=false", "ETHUSDT_GRAY_STAGE=gray_10pct",
                "BTCUSDT_STRATEGY_MODE=quiet", "BTCUSDT_DYNAMIC_MODE_ENABLED=false"));
        try (TestServer server = new TestServer(db, History.release())) {
            List<String> log = new ArrayList<>();
            StrategySimulator.Result result = new StrategySimulator(new StrategySimulator.Settings(env,
                    URI.create(server.url("")), "ingest-secret", List.of("ETHUSDT", "BTCUSDT"), Duration.ofSeconds(60),
                    WINDOWS, Duration.ZERO, 7, 0.001, "simulator"), log::add).run();

            assertThat(log).isEmpty();
            assertThat(result.rejected()).isZero();
            assertThat(result.pushProblems()).isZero();
            assertThat(result.switches().get("BTCUSDT")).isZero();
            assertThat(result.switches().get("ETHUSDT")).isEqualTo(expectedSwitches()).isPositive();
            // per window: activity and switches of 2 symbols, latency, loss, cpu, memory (+ quiet cpu when all are quiet)
            assertThat(result.accepted()).isBetween(8L * WINDOWS, 9L * WINDOWS);
            long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM sample x JOIN series s "
                    + "ON s.id = x.series_id WHERE s.source = 'simulator'").mapTo(Long.class).one());
            assertThat(stored).isEqualTo(result.accepted());
            double switchesStored = db.jdbi().withHandle(h -> h.createQuery("SELECT sum(x.value) FROM sample x JOIN series s "
                    + "ON s.id = x.series_id WHERE s.metric = 'mode_switch_count' AND s.symbol = 'ETHUSDT'")
                    .mapTo(Double.class).one());
            assertThat(switchesStored).isEqualTo(result.switches().get("ETHUSDT").doubleValue());
        }
    }

    /** The same feed (same seed) through PlainHysteresis directly. */
    private static int expectedSwitches() {
        MarketFeed feed = new MarketFeed(7L * 31 + "ETHUSDT".hashCode(), 0.001);
        PlainHysteresis machine = new PlainHysteresis("ETHUSDT", new HysteresisParams(3, 4, 0.6, 0.6, Duration.ofSeconds(60)));
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        int switches = 0;
        for (int i = 0; i < WINDOWS; i++) {
            double activity = feed.nextActivity();
            feed.lostMessages();   // the feed draws its losses from the same random sequence
            switches += machine.step(t.plusSeconds(60L * i), activity).isPresent() ? 1 : 0;
        }
        return switches;
    }
}
