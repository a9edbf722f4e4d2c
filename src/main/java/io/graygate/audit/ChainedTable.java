package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * A table whose every row must have a chain link: the chain's entity name, the table, its key column and
 * the order rows are adopted in. Names are code constants, never input, so they are formatted into SQL.
 */
public record ChainedTable(String entity, String table, String key, String order) {

    /** Its rows without a link, in adoption order. */
    List<UnlinkedRow> unlinked(Handle handle) {
        return handle.createQuery("""
                        SELECT t.%1$s::text FROM %2$s t
                        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entity = :entity AND c.entity_id = t.%1$s::text)
                        ORDER BY %3$s""".formatted(key, table, order))
                .bind("entity", entity)
                .map((rs, ctx) -> new UnlinkedRow(entity, table, rs.getString(1)))
                .list();
    }
}
