package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A table whose every row is covered by a chain link. Most are covered generically ({@link #rows}: one link
 * per row, keyed by its primary key; {@link #groups}: one link per group of rows written together, such as
 * the problem sightings of one evaluation): the covered content is every column of the row as jsonb (nulls
 * left out, so a later nullable column does not change old rows' content), rows of a group ordered by
 * {@code rowOrder}. A few entities have content of their own that also covers child tables ({@code covers}).
 * Names are code constants, never input, so they are formatted into SQL.
 *
 * @param entity   the chain's name for the kind (audit_chain.entity)
 * @param key      the columns whose values, joined by '/', are the link's entity_id
 * @param rowOrder the order of a group's rows in its content
 * @param content  how the content is built; null for the generic row or group content
 * @param covers   child tables whose rows are inside this entity's content
 * @param adoption the order unlinked rows are adopted in
 */
public record ChainedTable(String entity, String table, List<String> key, String rowOrder, ContentSource content,
                           List<String> covers, String adoption) {
    private static final String NAME = "[a-z_][a-z0-9_]*";

    public ChainedTable {
        key = List.copyOf(key);
        covers = List.copyOf(covers);
        if (!table.matches(NAME) || !key.stream().allMatch(c -> c.matches(NAME))) {
            throw new IllegalArgumentException("a chained table and its key columns are plain SQL names: " + table + " " + key);
        }
    }

    /** One link per row; {@code key} is its primary key. */
    public static ChainedTable rows(String table, String... key) {
        return new ChainedTable(table, table, List.of(key), String.join(", ", key), null, List.of(),
                "min(" + key[0] + ")");
    }

    /** One link per group of rows that are always written in one transaction (same {@code groupKey}). */
    public static ChainedTable groups(String table, String groupKey, String rowOrder) {
        return new ChainedTable(table, table, List.of(groupKey), rowOrder, null, List.of(), "min(" + groupKey + ")");
    }

    /** An entity with content of its own (the evaluation with its facts, firings and votes). */
    static ChainedTable custom(String entity, String table, String key, String adoption, ContentSource content,
                               String... covers) {
        return new ChainedTable(entity, table, List.of(key), key, content, List.of(covers), adoption);
    }

    /** The link's entity_id for a row with these key values. */
    public String entityId(Object... keyValues) {
        if (keyValues.length != key.size()) {
            throw new IllegalArgumentException(table + " is keyed by " + key + ", got " + keyValues.length + " value(s)");
        }
        return java.util.Arrays.stream(keyValues).map(String::valueOf).collect(Collectors.joining("/"));
    }

    String idExpression() {
        return key.size() == 1 ? "t." + key.get(0) + "::text"
                : "concat_ws('/', " + key.stream().map(c -> "t." + c + "::text").collect(Collectors.joining(", ")) + ")";
    }

    /** The canonical content of the given entity ids; ids with no rows are absent. */
    Map<String, String> canonical(Handle handle, Collection<String> ids) {
        if (content != null) {
            return content.canonical(handle, ids);
        }
        Map<String, String> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        String sql = """
                SELECT %1$s AS id, jsonb_agg(jsonb_strip_nulls(to_jsonb(t)) ORDER BY %3$s)::text AS content
                FROM %2$s t WHERE %1$s = ANY(:ids) GROUP BY 1""".formatted(idExpression(), table, rowOrder);
        CanonicalContent.inCanonicalSettings(handle, () -> handle.createQuery(sql)
                .bindArray("ids", String.class, List.copyOf(ids))
                .map((rs, ctx) -> result.put(rs.getString("id"), rs.getString("content")))
                .list());
        return result;
    }

    /** Its rows (or groups) without a link, in adoption order. */
    List<UnlinkedRow> unlinked(Handle handle) {
        return CanonicalContent.inCanonicalSettings(handle, () -> handle.createQuery("""
                        SELECT %1$s AS id FROM %2$s t
                        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entity = :entity AND c.entity_id = %1$s)
                        GROUP BY 1 ORDER BY %3$s, 1""".formatted(idExpression(), table, adoption))
                .bind("entity", entity)
                .map((rs, ctx) -> new UnlinkedRow(entity, table, rs.getString(1)))
                .list());
    }
}
