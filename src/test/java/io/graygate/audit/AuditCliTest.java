package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.History;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit verify} and {@code audit export} on a chain of a rule set and three evaluations. */
@ExtendWith(TestDatabase.class)
@Tag("db")
class AuditCliTest {
    private static Jdbi jdbi;
    private static String url;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        url = ((PGSimpleDataSource) db.dataSource()).getURL();
        History.ingest(jdbi, dir);
        History.evaluate(jdbi, RuleLoader.load(Path.of("rules")), LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-12"));
    }

    @Test
    void exportWritesEveryLinkWithItsContentAndTheHeadLast(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chain.jsonl");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        History.Cli result = History.run("audit", "export", "--from", today.minusDays(1).toString(), "--to",
                today.plusDays(1).toString(), "--out", file.toString(), "--db-url", url);

        assertThat(result.status()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(file);
        int length = chainLength();
        assertThat(lines).hasSize(length + 1);
        String previous = AuditChain.GENESIS;
        for (String line : lines.subList(0, length)) {
            JsonNode link = Json.MAPPER.readTree(line);
            assertThat(link.get("prevHash").asText()).isEqualTo(previous);
            assertThat(AuditChain.sha256(link.get("content").asText())).isEqualTo(link.get("contentSha256").asText());
            previous = link.get("hash").asText();
        }
        JsonNode head = Json.MAPPER.readTree(lines.get(length));
        assertThat(head.get("type").asText()).isEqualTo("head");
        assertThat(head.get("seq").asLong()).isEqualTo(length);
        assertThat(head.get("hash").asText()).isEqualTo(previous);

        History.Cli empty = History.run("audit", "export", "--from", "2020-01-01", "--to", "2020-01-02", "--db-url", url);
        assertThat(empty.out().lines().toList()).singleElement().asString().contains("\"type\":\"head\"", previous);
    }

    @Test
    void verifyExitsZeroWhenIntactAndOneAtTheFirstBrokenLink() {
        History.Cli intact = History.run("audit", "verify", "--db-url", url);
        String head = jdbi.withHandle(h -> AuditChain.head(h).orElseThrow().hash());
        assertThat(intact.status()).as(intact.err()).isZero();
        int length = chainLength();
        long firstEvaluation = jdbi.withHandle(h -> h.createQuery("SELECT seq FROM audit_chain WHERE entity = 'evaluation' "
                + "AND entity_id = (SELECT min(id)::text FROM evaluation)").mapTo(Long.class).one());
        assertThat(intact.out()).contains("chain length " + length + ", head " + head, "intact");

        jdbi.useHandle(h -> {
            h.execute("ALTER TABLE evaluation DISABLE TRIGGER USER");
            h.execute("UPDATE evaluation SET decision = 'ROLLBACK' WHERE id = (SELECT min(id) FROM evaluation)");
            h.execute("ALTER TABLE evaluation ENABLE TRIGGER USER");
        });
        History.Cli broken = History.run("audit", "verify", "--db-url", url);

        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.out()).contains("chain length " + length + ", head " + head,
                "BROKEN: EDITED at seq " + firstEvaluation + ": the stored evaluation");
    }

    private static int chainLength() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_chain").mapTo(Integer.class).one());
    }
}
