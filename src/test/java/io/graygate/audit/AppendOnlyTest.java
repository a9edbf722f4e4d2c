package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail cannot be changed in place: UPDATE, DELETE and TRUNCATE on every audit table fail with
 * graygate's "append-only" error and leave the rows as they were. The tables are filled the real way: an
 * ingest with a rejected line and a conflict, and an evaluation stored by the EvaluateStage.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class AppendOnlyTest {
    /** Each audit table and a column to "change" (set to itself: any UPDATE must be refused). */
    private static final Map<String, String> TABLES = Map.of(
            "evaluation", "decision",
            "evaluation_vote", "code",
            "evaluation_fact", "type",
            "rule_firing", "rule_name",
            "ruleset", "loaded_by",
            "ruleset_file", "content",
            "ingest_rejection", "reason",
            "ingest_conflict", "offered_value");

    private static Jdbi jdbi;
    private static Evaluation stored;

    @BeforeAll
    static void fill(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        Ingester ingester = new Ingester(jdbi, release.catalogue());

        LocalDate first = LocalDate.parse("2026-01-01");
        LocalDate last = LocalDate.parse("2026-01-10");
        List<String> lines = new ArrayList<>(Dataset.healthy(first, last));
        lines.add(Dataset.eventLine(last, "crash_count", 1));
        lines.add("2026-01-10T00:00:00Z,crash_count,-1,,test");
        Path data = dir.resolve("data.csv");
        Files.write(data, lines, StandardCharsets.UTF_8);
        IngestReport report = ingester.ingestFile(data);
        assertThat(report.rejected()).isEqualTo(1);

        Path conflicting = dir.resolve("conflict.csv");
        Files.write(conflicting, List.of(Dataset.HEADER, Dataset.eventLine(last, "crash_count", 2)), StandardCharsets.UTF_8);
        assertThat(ingester.ingestFile(conflicting).conflicts()).isEqualTo(1);

        RuleSet rules = RuleLoader.load(Path.of("rules"));
        stored = new EvaluateStage(jdbi).evaluateAndStore(release, release.requireStage("gray_10pct"), rules, last, null, "test");
        assertThat(stored.firings()).isNotEmpty();

        for (String table : TABLES.keySet()) {
            assertThat(count(table)).as("rows in %s", table).isPositive();
        }
    }

    static Stream<Arguments> changes() {
        return TABLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).flatMap(t -> Stream.of(
                Arguments.of(t.getKey(), "UPDATE " + t.getKey() + " SET " + t.getValue() + " = " + t.getValue()),
                Arguments.of(t.getKey(), "DELETE FROM " + t.getKey()),
                // CASCADE: a plain TRUNCATE of a table that others reference already fails on the foreign key,
                // before any trigger; with CASCADE only the append-only triggers stand in the way.
                Arguments.of(t.getKey(), "TRUNCATE " + t.getKey() + " CASCADE")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("changes")
    void changingTheAuditTrailIsRefused(String table, String sql) {
        long before = count(table);
        String op = sql.split(" ")[0];

        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(sql)))
                .hasMessageContaining("append-only")
                .hasMessageContaining(op + " on ");

        assertThat(count(table)).isEqualTo(before).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ruleset", "evaluation"})
    void aPlainTruncateOfAReferencedTableFailsToo(String table) {
        long before = count(table);
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE " + table))).isInstanceOf(RuntimeException.class);
        assertThat(count(table)).isEqualTo(before);
    }

    @Test
    void aTargetedDeleteOfOneEvaluationIsRefusedAndNamesTheTable() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM evaluation_vote WHERE evaluation_id = ?",
                stored.id())))
                .hasMessageContaining("graygate: DELETE on evaluation_vote is not allowed: the audit trail is append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE evaluation SET decision = 'ADVANCE' WHERE id = ?",
                stored.id())))
                .hasMessageContaining("graygate: UPDATE on evaluation is not allowed: the audit trail is append-only");
        String decision = jdbi.withHandle(h -> h.createQuery("SELECT decision FROM evaluation WHERE id = :id")
                .bind("id", stored.id()).mapTo(String.class).one());
        assertThat(decision).isEqualTo(stored.decision().name()).isEqualTo("ROLLBACK");
    }

    @Test
    void appendingStillWorks() {
        long before = count("evaluation");
        ReleaseConfig release = ConfigLoader.load(Path.of("config/release.yaml"));
        RuleSet rules = RuleLoader.load(Path.of("rules"));
        Evaluation next = new EvaluateStage(jdbi).evaluateAndStore(release, release.requireStage("gray_10pct"), rules,
                LocalDate.parse("2026-01-09"), null, "test");
        assertThat(next.id()).isGreaterThan(stored.id());
        assertThat(count("evaluation")).isEqualTo(before + 1);
        assertThat(count("ruleset")).isEqualTo(1);
    }

    private static long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }
}
