package io.graygate.audit;

import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adopts rows that have no chain link (legacy or written around graygate) into the chain, on an operator's
 * explicit word: in one transaction, under the chain's advisory lock, a link for each unlinked row in
 * adoption order, then an {@code audit_adoption} row naming who adopted which rows, itself chained. From then
 * on the adopted rows are protected like any other; what they were before adoption nothing can prove.
 */
public final class LegacyAdoption {
    public static final String ENTITY = "adoption";

    private static final String CONTENT_SQL = """
            SELECT a.id::text AS id, jsonb_build_object('adoption', jsonb_build_object('id', a.id,
                'adopted_by', a.adopted_by,
                'adopted_at', to_char(a.adopted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'adopted', a.adopted))::text AS content
            FROM audit_adoption a WHERE a.id = ANY(:ids)""";

    private final Jdbi jdbi;
    private final AuditChain chain;

    public LegacyAdoption(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.chain = new AuditChain(jdbi);
    }

    /** What one adoption linked; {@code link} is the adoption record's own chain link. */
    public record Adoption(long id, String adoptedBy, List<UnlinkedRow> rows, ChainLink link) {
        public Adoption {
            rows = List.copyOf(rows);
        }
    }

    /** Links every unlinked row; empty when there was none (then nothing is written). */
    public Optional<Adoption> adopt(String adoptedBy) {
        if (adoptedBy == null || adoptedBy.isBlank()) {
            throw new IllegalArgumentException("an adoption needs the name of who adopts (--by NAME)");
        }
        return jdbi.inTransaction(handle -> {
            // Taken before reading, so no evaluation can be linked (or stored unlinked) between read and append.
            AuditChain.lockAppends(handle);
            List<UnlinkedRow> rows = chain.unlinked(handle);
            if (rows.isEmpty()) {
                return Optional.<Adoption>empty();
            }
            for (UnlinkedRow row : rows) {
                String content = chain.contentOf(handle, row.entity(), row.id()).orElseThrow(() -> new IllegalStateException(
                        "cannot build the canonical content of " + row.table() + " " + row.id()));
                AuditChain.append(handle, row.entity(), row.id(), content);
            }
            long id = handle.createUpdate("INSERT INTO audit_adoption (adopted_by, adopted) VALUES (:by, CAST(:rows AS jsonb))")
                    .bind("by", adoptedBy).bind("rows", Json.write(rows.stream().map(LegacyAdoption::describe).toList()))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            String content = canonical(handle, List.of(Long.toString(id))).get(Long.toString(id));
            ChainLink link = AuditChain.append(handle, ENTITY, Long.toString(id), content);
            return Optional.of(new Adoption(id, adoptedBy, rows, link));
        });
    }

    static Map<String, String> canonical(Handle handle, Collection<String> ids) {
        return CanonicalContent.byNumericId(handle, CONTENT_SQL, ids);
    }

    private static Map<String, String> describe(UnlinkedRow row) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("entity", row.entity());
        described.put("table", row.table());
        described.put("id", row.id());
        return described;
    }
}
