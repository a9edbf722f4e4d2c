package io.graygate.rules.history;

import org.junit.jupiter.api.Tag;
import io.graygate.decision.Evaluation;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rules history}, {@code rules show} and {@code rules diff} over two rule sets stored by evaluations:
 * the shipped rules (3 evaluations) and a copy whose stage-1 P99 gate is 10 ms (1 evaluation, stored later).
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class RuleSetVersionsCliTest {
    private static String url;
    private static RuleSet shipped;
    private static RuleSet tightened;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        Jdbi jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        shipped = RuleLoader.load(Path.of("rules"));
        tightened = RuleLoader.load(History.rulesWith(dir, "$m.p99() <= 100, ", "$m.p99() <= 10, "));
        LocalDate day = LocalDate.parse("2026-01-10");
        History.evaluate(jdbi, shipped, day, day.plusDays(2));
        List<Evaluation> later = History.evaluate(jdbi, tightened, day, day);
        assertThat(later).hasSize(1);
    }

    @Test
    void historyListsNewestFirstWithFilesAndEvaluations() {
        History.Cli result = History.run("rules", "history", "--db-url", url);

        assertThat(result.status()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        int newer = indexOf(lines, tightened.sha256());
        int older = indexOf(lines, shipped.sha256());
        assertThat(newer).isPositive().isLessThan(older);
        assertThat(lines.get(newer)).contains("  test  ").endsWith(" 6            1");
        assertThat(lines.get(older)).endsWith(" 6            3");
        assertThat(lines.get(lines.size() - 1)).endsWith(" rule set(s) stored");
    }

    private static int indexOf(List<String> lines, String sha) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(sha)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void showPrintsEveryFileOfTheSetAPrefixNames() {
        History.Cli result = History.run("rules", "show", shipped.sha256().substring(0, 8), "--db-url", url);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("rule set " + shipped.sha256());
        for (var file : shipped.files()) {
            assertThat(result.out()).contains("=== " + file.name() + " (sha256 " + file.sha256() + ")", file.content());
        }
    }

    @Test
    void diffNamesTheChangedFileAndShowsTheChangedLines() {
        History.Cli result = History.run("rules", "diff", shipped.sha256().substring(0, 10), tightened.sha256(),
                "--db-url", url);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("changed   gates.drl", "unchanged alerts.drl", "unchanged rollback.drl",
                "--- a/gates.drl", "+++ b/gates.drl", "1 of 6 file(s) differ");
        List<String> removed = result.out().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).toList();
        List<String> added = result.out().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).toList();
        assertThat(removed).singleElement().asString().contains("$m.p99() <= 100,");
        assertThat(added).singleElement().asString().contains("$m.p99() <= 10,");
    }

    @Test
    void addedAndRemovedFilesAreNamed() {
        StoredRuleSet a = new StoredRuleSet("a", null, "x", List.of(new StoredFile("old.drl", "1", "rule a\nend\n")));
        StoredRuleSet b = new StoredRuleSet("b", null, "x", List.of(new StoredFile("new.drl", "2", "rule b\nend\n")));

        List<FileDiff> diffs = RuleSetDiff.between(a, b);

        assertThat(diffs).extracting(FileDiff::path, FileDiff::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new.drl", FileChange.ADDED),
                        org.assertj.core.groups.Tuple.tuple("old.drl", FileChange.REMOVED));
        assertThat(diffs.get(0).unified()).contains("--- /dev/null", "+++ b/new.drl", "+rule b");
        assertThat(diffs.get(1).unified()).contains("--- a/old.drl", "+++ /dev/null", "-rule a");
    }

    @Test
    void unknownShortAndAmbiguousPrefixesExitTwoWithAClearMessage(Database db) {
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO ruleset (sha256, loaded_by) VALUES (?, 'test')", "abcdef01" + "0".repeat(56));
            h.execute("INSERT INTO ruleset (sha256, loaded_by) VALUES (?, 'test')", "abcdef01" + "1".repeat(56));
        });

        History.Cli unknown = History.run("rules", "show", "00000000", "--db-url", url);
        History.Cli tooShort = History.run("rules", "show", shipped.sha256().substring(0, 7), "--db-url", url);
        History.Cli ambiguous = History.run("rules", "diff", "abcdef01", shipped.sha256(), "--db-url", url);

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("no stored rule set has a SHA-256 starting with 00000000");
        assertThat(tooShort.status()).isEqualTo(2);
        assertThat(tooShort.err()).contains("prefix of at least 8 hex digits");
        assertThat(ambiguous.status()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("the prefix abcdef01 is ambiguous", "abcdef01" + "0".repeat(56));
        assertThat(unknown.err() + tooShort.err() + ambiguous.err()).doesNotContain("--verbose");
    }
}
