package io.graygate.modeswitch;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.tools.cli.Main;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tuning on a synthetic history built so that exactly one pair keeps every symbol-day in 6-8 switches:
 * real bursts of 5 active windows (min_active must be at most 5), blips of 4 (at least 5 to ignore them),
 * dips of 9 quiet windows inside a burst (min_quiet at least 10 to ignore) and real breaks of 10 (at most 10).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("db")
class TuningTest {
    private static final String GROUP = "a".repeat(5) + "q".repeat(9) + "a".repeat(5) + "q".repeat(10) + "a".repeat(5)
            + "q".repeat(20);
    private static final String BLIP = "a".repeat(4) + "q".repeat(20);
    private static final String DAY = pad("q".repeat(20) + GROUP + BLIP + GROUP + BLIP + BLIP);
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    private Database db;
    private String url;

    private static String pad(String day) {
        return day + "q".repeat(288 - day.length());
    }

    @BeforeAll
    void history(Database db) {
        this.db = db;
        this.url = ((PGSimpleDataSource) db.dataSource()).getURL();
        for (String symbol : SYMBOLS) {
            ActivityFixture.write(db.jdbi(), symbol, "", Instant.parse("2026-03-07T00:00:00Z"), Duration.ofMinutes(5),
                    DAY.repeat(4));
        }
    }

    private TuningReport tune(String target) {
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        return new Tuner(new ModeReplayer(db.jdbi(), HysteresisRules.load(Path.of("rules")))).tune(release.name(),
                release.requireStage("gray_50pct"), LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 10),
                SwitchTarget.parse(target, 15), TuningGrid.DEFAULT);
    }

    private static PairResult pair(TuningReport report, int a, int q) {
        return report.results().stream().filter(r -> r.minActive() == a && r.minQuiet() == q).findFirst().orElseThrow();
    }

    @Test
    void recommendsTheOnlyPairThatKeepsEverySymbolDayInTheTarget() {
        TuningReport report = tune("6-8");
        assertThat(report.results()).hasSize(7 * 13);
        assertThat(report.recommended()).get().extracting(PairResult::minActive, PairResult::minQuiet)
                .containsExactly(5, 10);
        PairResult best = pair(report, 5, 10);
        assertThat(best.symbolDays()).isEqualTo(12);
        assertThat(best.shareInTarget()).isEqualTo(1.0);
        assertThat(best.mean()).isEqualTo(8.0);
        assertThat(report.results()).filteredOn(r -> r.inTarget() == 12).hasSize(1);
    }

    @Test
    void reportsMeanP95AndMaxAndTheSymbolDaysAboveTheAlertLevel() {
        TuningReport report = tune("6-8");
        assertThat(pair(report, 5, 11)).extracting(PairResult::mean, PairResult::max, PairResult::inTarget)
                .containsExactly(4.0, 4, 0);
        // blips and dips both switch: 2 x 6 + 3 x 2 = 18 per day, above the alert level
        assertThat(pair(report, 4, 9)).extracting(PairResult::p95, PairResult::max, PairResult::aboveAlert)
                .containsExactly(18.0, 18, 12);
        assertThat(pair(report, 6, 10).max()).isZero();
    }

    @Test
    void tuneCommandStoresTheReportAndWritesThePairKeepingTheFilesComments(@TempDir Path dir) throws Exception {
        Path stageFile = dir.resolve("production_full.yaml");
        Files.copy(Path.of("config/production_full.yaml"), stageFile);
        String before = Files.readString(stageFile);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"tune", "--db-url", url, "--release", "config/release.yaml", "--rules", "rules",
                "--stage", "gray_50pct", "--from", "2026-03-07", "--to", "2026-03-10", "--target", "6-8",
                "--write", stageFile.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("recommended: min_active_windows 5, min_quiet_windows 10");

        String after = Files.readString(stageFile);
        assertThat(after).contains("  min_active_windows: 5     # tuned from stage-2 data (graygate tune)",
                "  min_quiet_windows: 10      # tuned from stage-2 data");
        assertThat(after.lines().filter(l -> !l.contains("_windows:")))
                .containsExactlyElementsOf(before.lines().filter(l -> !l.contains("_windows:")).toList());
        JsonNode stored = db.jdbi().withHandle(h -> Json.MAPPER.readTree(h.createQuery(
                "SELECT report::text FROM tuning_run WHERE recommended_min_active = 5 AND recommended_min_quiet = 10 "
                        + "AND stage = 'gray_50pct' ORDER BY id DESC LIMIT 1").mapTo(String.class).one()));
        assertThat(stored.get("results")).hasSize(91);
    }

    @Test
    void aStageFileWithoutTheKeysIsNotTouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stage.yaml");
        Files.writeString(file, "stage: x\nhysteresis:\n  active_threshold: 0.6\n");
        assertThatThrownBy(() -> StageFileEditor.writeHysteresis(file, 3, 6))
                .hasMessageContaining("min_active_windows");
        assertThat(Files.readString(file)).isEqualTo("stage: x\nhysteresis:\n  active_threshold: 0.6\n");
    }
}
