package io.graygate.evaluation;

import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;
import io.graygate.platform.Database;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
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
 * An evaluation's facts come from one snapshot: a crash sample committed by another connection after the
 * build has started (between its series read and its day reads, through the read seam, not a sleep) is in
 * none of the facts of that build, on either of its connections, and is in the next build's.
 */
@ExtendWith(TestDatabase.class)
class FactSnapshotTest {

    @Test
    void anIngestCommittedBetweenTheReadsOfABuildIsInNoneOfItsFacts(Database db, @TempDir Path dir) throws IOException {
        Jdbi jdbi = db.jdbi();
        History.ingest(jdbi, dir);
        ReleaseConfig release = History.release();
        StageConfig stage = release.requireStage("gray_10pct");
        ObservationWindow window = ObservationWindow.of(LocalDate.parse("2026-01-12"), null, stage.observationDays());
        InputFacts before = new FactBuilder(jdbi).build(release, stage, window);

        List<String> seen = new ArrayList<>();
        FactBuilder.ReadSeam commitACrash = read -> {
            seen.add(read);
            if (read.equals("series")) {
                // a connection of its own: Jdbi would otherwise hand this thread the build's read-only handle
                try (org.jdbi.v3.core.Handle other = jdbi.open()) {
                    other.useTransaction(h -> h.execute("""
                        INSERT INTO sample (series_id, ts, value, ingest_id)
                        SELECT s.id, TIMESTAMPTZ '2026-01-11 12:34:56.789+00', 1, (SELECT min(id) FROM ingest_run)
                        FROM series s WHERE s.metric = 'crash_count' ORDER BY s.id LIMIT 1"""));
                }
            }
        };
        InputFacts during = new FactBuilder(jdbi, commitACrash).build(release, stage, window);
        InputFacts after = new FactBuilder(jdbi).build(release, stage, window);

        assertThat(seen).as("the crash was committed after the build's first read").contains("series", "days");
        assertThat(during).as("the build saw the database as it was when it started").isEqualTo(before);
        assertThat(after).as("the committed crash does change the facts").isNotEqualTo(before);
        assertThat(crashes(after) - crashes(during)).isEqualTo(1.0);
    }

    private static double crashes(InputFacts facts) {
        return facts.summaries().stream()
                .filter(s -> s.metric().equals("crash_count") && s.group() == io.graygate.facts.Group.STAGE && s.isAggregate())
                .mapToDouble(io.graygate.facts.MetricSummary::sum).sum();
    }
}
