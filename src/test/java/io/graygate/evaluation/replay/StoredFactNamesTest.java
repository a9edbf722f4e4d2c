package io.graygate.evaluation.replay;

import io.graygate.decision.Evaluation;
import io.graygate.decision.FactRecord;
import io.graygate.decision.FactTypes;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.platform.Database;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.reporting.StageReport;
import io.graygate.reporting.StageReportLoader;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluations stored before fact types had stable names, with each fact keyed by its record's Java class
 * name, still replay to the same decisions and still report their facts: the names are mapped by
 * fact_type_alias (V14) and read through evaluation_fact_typed.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class StoredFactNamesTest {
    private static final LocalDate FROM = LocalDate.parse("2026-01-15");

    private static Jdbi jdbi;
    private static RuleSet rules;
    private static List<Evaluation> stored;

    @BeforeAll
    static void storeInTheOldForm(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        History.ingest(jdbi, dir);
        rules = RuleLoader.load(Path.of("rules"));
        ReleaseConfig release = History.release();
        EvaluateStage stage = new EvaluateStage(jdbi);
        stored = new ArrayList<>();
        for (LocalDate day = FROM; !day.isAfter(History.LAST); day = day.plusDays(1)) {
            Evaluation e = stage.evaluate(release, release.requireStage("gray_10pct"), rules, day, null);
            List<FactRecord> classNamed = e.facts().stream()
                    .map(f -> new FactRecord(f.id(), f.value().getClass().getName(), f.derivedBy(), f.value())).toList();
            stored.add(stage.store(new Evaluation(null, e.release(), e.stage(), e.stageNumber(), e.asOf(), e.window(),
                    e.decision(), e.votes(), e.firings(), classNamed, e.rulesetSha256(), e.engineVersion(), e.stageConfig()),
                    rules, "test:old-form"));
        }
    }

    @Test
    void theRowsReallyCarryJavaClassNames() {
        List<String> types = jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT type FROM evaluation_fact WHERE derived_by IS NULL AND evaluation_id = ANY(:ids)")
                .bindArray("ids", Long.class, stored.stream().map(Evaluation::id).toList()).mapTo(String.class).list());
        assertThat(types).isNotEmpty().allMatch(t -> t.startsWith("io.graygate.facts."));
    }

    @Test
    void theyReplayToTheSameDecisions() {
        ReplayReport report = new Replayer(jdbi).replay(rules, FROM, History.LAST, "gray_10pct");

        assertThat(report.replayed()).isEqualTo(stored.size()).isEqualTo(6);
        assertThat(report.changed()).isZero();
    }

    @Test
    void theirReportShowsTheFactsUnderTheirStableNames() {
        StageReport report = new StageReportLoader(jdbi).load(stored.get(stored.size() - 1).id(), 3);

        assertThat(report.facts()).extracting(StageReport.FactRow::type)
                .contains("Stage", "DailyMetric", "MetricSummary")
                .allMatch(type -> FactTypes.recordOf(type).isPresent());
    }

    @Test
    void newEvaluationsStoreTheStableNames() {
        Evaluation fresh = History.evaluate(jdbi, rules, FROM.minusDays(1), FROM.minusDays(1)).get(0);
        List<String> types = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT type FROM evaluation_fact WHERE evaluation_id = :id")
                .bind("id", fresh.id()).mapTo(String.class).list());
        assertThat(types).contains("Stage", "Vote").noneMatch(t -> t.contains("."));
    }
}
