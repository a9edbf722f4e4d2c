package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.Map;

/**
 * The canonical content of an agent's report ({@code agent_report}, V16): what a strategy instance applied. Each
 * report is chained in the transaction that stores it, so a report edited or removed later breaks the chain.
 */
public final class AgentReportContent {
    public static final String ENTITY = "agent_report";

    private static final String CONTENT_SQL = """
            SELECT r.id::text AS id, jsonb_build_object('agent_report', jsonb_build_object('id', r.id,
                'release', r.release, 'instance', r.instance, 'state_hash', r.state_hash, 'symbols', r.symbols,
                'baseline', r.baseline, 'result', r.result, 'exit_code', r.exit_code, 'output', r.output,
                'detail', r.detail,
                'applied_at', to_char(r.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'received_at', to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'reported_by', r.reported_by))::text AS content
            FROM agent_report r WHERE r.id = ANY(:ids)""";

    private AgentReportContent() {
    }

    public static Map<String, String> canonical(Handle handle, Collection<String> ids) {
        return CanonicalContent.byNumericId(handle, CONTENT_SQL, ids);
    }

    /** Links the stored report into the chain; call in the transaction that inserted it. */
    public static ChainLink chain(Handle handle, long id) {
        String key = Long.toString(id);
        String content = canonical(handle, java.util.List.of(key)).get(key);
        if (content == null) {
            throw new IllegalStateException("no agent_report " + id + " to chain");
        }
        return AuditChain.append(handle, ENTITY, key, content);
    }
}
