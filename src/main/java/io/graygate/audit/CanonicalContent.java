package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical content of the entities graygate chains, built from the stored rows (never from objects in
 * memory, so append and verify hash the same thing). Each is one jsonb document of named columns, child
 * rows ordered by their keys; PostgreSQL's jsonb text form is canonical (keys sorted, fixed spacing).
 * Timestamps are rendered in UTC so the session's time zone cannot change the text.
 */
public final class CanonicalContent {
    public static final String EVALUATION = "evaluation";
    public static final String RULESET = "ruleset";

    private static final String UTC = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static final String EVALUATION_SQL = """
            SELECT e.id::text AS id, jsonb_build_object(
                'evaluation', jsonb_build_object('id', e.id, 'release', e.release, 'stage', e.stage,
                    'stage_number', e.stage_number, 'as_of', e.as_of, 'window_start', e.window_start,
                    'window_end', e.window_end, 'observation_days', e.observation_days, 'days_observed', e.days_observed,
                    'ruleset_sha256', e.ruleset_sha256, 'engine_version', e.engine_version, 'decision', e.decision,
                    'stage_config', e.stage_config, 'created_at', %s, 'supersedes', e.supersedes),
                'facts', (SELECT coalesce(jsonb_agg(jsonb_build_object('fact_id', f.fact_id, 'type', f.type,
                    'derived_by', f.derived_by, 'content', f.content) ORDER BY f.fact_id), '[]'::jsonb)
                    FROM evaluation_fact f WHERE f.evaluation_id = e.id),
                'firings', (SELECT coalesce(jsonb_agg(jsonb_build_object('seq', r.seq, 'rule_name', r.rule_name,
                    'rule_file', r.rule_file, 'kind', r.kind, 'matched', r.matched) ORDER BY r.seq), '[]'::jsonb)
                    FROM rule_firing r WHERE r.evaluation_id = e.id),
                'votes', (SELECT coalesce(jsonb_agg(jsonb_build_object('seq', v.seq, 'firing_seq', v.firing_seq,
                    'rule_name', v.rule_name, 'kind', v.kind, 'verdict', v.verdict, 'severity', v.severity,
                    'code', v.code, 'message', v.message, 'metric', v.metric, 'value', v.value,
                    'threshold', v.threshold, 'baseline', v.baseline, 'met', v.met) ORDER BY v.seq), '[]'::jsonb)
                    FROM evaluation_vote v WHERE v.evaluation_id = e.id)
            )::text AS content
            FROM evaluation e WHERE e.id = ANY(:ids)""".formatted(UTC.formatted("e.created_at"));

    private static final String RULESET_SQL = """
            SELECT r.sha256 AS id, jsonb_build_object(
                'ruleset', jsonb_build_object('sha256', r.sha256, 'loaded_by', r.loaded_by, 'created_at', %s),
                'files', (SELECT coalesce(jsonb_agg(jsonb_build_object('path', f.path, 'sha256', f.sha256,
                    'content', f.content) ORDER BY f.path), '[]'::jsonb)
                    FROM ruleset_file f WHERE f.ruleset_sha256 = r.sha256)
            )::text AS content
            FROM ruleset r WHERE r.sha256 = ANY(:ids)""".formatted(UTC.formatted("r.created_at"));

    private CanonicalContent() {
    }

    /** The canonical content of evaluations by id (as text); missing evaluations are absent. */
    public static Map<String, String> evaluations(Handle handle, Collection<String> ids) {
        return byNumericId(handle, EVALUATION_SQL, ids);
    }

    /** Runs a content query over {@code :ids} for entities keyed by a bigint; ids that are not numbers match nothing. */
    static Map<String, String> byNumericId(Handle handle, String sql, Collection<String> ids) {
        List<Long> numeric = ids.stream().filter(id -> id.matches("\\d{1,18}")).map(Long::valueOf).toList();
        return query(handle, sql, Long.class, numeric);
    }

    public static Map<String, String> ruleSets(Handle handle, Collection<String> shas) {
        return query(handle, RULESET_SQL, String.class, List.copyOf(shas));
    }

    public static String evaluation(Handle handle, long id) {
        return require(evaluations(handle, List.of(Long.toString(id))), EVALUATION, Long.toString(id));
    }

    public static String ruleSet(Handle handle, String sha) {
        return require(ruleSets(handle, List.of(sha)), RULESET, sha);
    }

    private static String require(Map<String, String> found, String entity, String id) {
        String content = found.get(id);
        if (content == null) {
            throw new IllegalStateException("no " + entity + " " + id + " to chain");
        }
        return content;
    }

    /** Session settings that change how rows print as text or jsonb; pinned while content is built. */
    private static final List<String[]> PINNED = List.of(new String[]{"TimeZone", "UTC"},
            new String[]{"DateStyle", "ISO, MDY"}, new String[]{"IntervalStyle", "postgres"},
            new String[]{"extra_float_digits", "1"}, new String[]{"bytea_output", "hex"});

    /**
     * Runs {@code work} with the session settings that shape rows as text pinned (time zone UTC, ISO dates,
     * shortest exact floats, hex bytea), in a transaction (the caller's when there is one), and puts the
     * caller's settings back afterwards: generic row content must not depend on the session that builds it.
     */
    static <T> T inCanonicalSettings(Handle handle, java.util.function.Supplier<T> work) {
        AuditSettings settings = handle.getConfig(AuditSettings.class);
        if (settings.pinned && handle.isInTransaction()) {
            return work.get();
        }
        return handle.inTransaction(h -> {
            String names = PINNED.stream().map(p -> "current_setting('" + p[0] + "')").collect(java.util.stream.Collectors.joining(", "));
            List<String> before = h.createQuery("SELECT " + names).map((rs, ctx) -> {
                List<String> values = new java.util.ArrayList<>();
                for (int i = 1; i <= PINNED.size(); i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }).one();
            set(h, PINNED.stream().map(p -> p[1]).toList());
            settings.pinned = true;
            try {
                return work.get();
            } finally {
                settings.pinned = false;
                set(h, before);
            }
        });
    }

    private static void set(Handle h, List<String> values) {
        StringBuilder sql = new StringBuilder("SELECT 1");
        for (int i = 0; i < PINNED.size(); i++) {
            sql.append(", set_config('").append(PINNED.get(i)[0]).append("', :v").append(i).append(", true) AS s").append(i);
        }
        var query = h.createQuery(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            query.bind("v" + i, values.get(i));
        }
        query.mapToMap().one();
    }

    private static <T> Map<String, String> query(Handle handle, String sql, Class<T> type, List<T> ids) {
        Map<String, String> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        handle.createQuery(sql).bindArray("ids", type, ids)
                .map((rs, ctx) -> result.put(rs.getString("id"), rs.getString("content")))
                .list();
        return result;
    }
}
