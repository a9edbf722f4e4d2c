package io.graygate.audit;

import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the chain links created in a day range as JSON Lines, each with the canonical content it covers
 * (so {@code sha256(content) == contentSha256} can be checked anywhere), and a final line with the chain's
 * head. Kept outside the database, the head shows later whether the newest links were removed.
 */
public final class ChainExport {
    private final Jdbi jdbi;
    private final AuditChain chain;

    public ChainExport(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.chain = new AuditChain(jdbi);
    }

    /** @return the number of links written */
    public long write(Writer out, LocalDate from, LocalDate to) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            List<ChainLink> links = handle.createQuery("""
                            SELECT * FROM audit_chain WHERE created_at >= :from AND created_at < :until ORDER BY seq""")
                    .bind("from", from.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .bind("until", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                    .map((rs, ctx) -> AuditChain.link(rs)).list();
            for (ChainLink link : links) {
                line(out, linkLine(handle, link));
            }
            line(out, headLine(handle));
            return (long) links.size();
        });
    }

    private Map<String, Object> linkLine(Handle handle, ChainLink link) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", "link");
        row.put("seq", link.seq());
        row.put("entity", link.entity());
        row.put("entityId", link.entityId());
        row.put("contentSha256", link.contentSha256());
        row.put("prevHash", link.prevHash());
        row.put("hash", link.hash());
        row.put("createdAt", link.createdAt().toString());
        row.put("content", chain.contentOf(handle, link).orElse(null));
        return row;
    }

    private static Map<String, Object> headLine(Handle handle) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("type", "head");
        var link = AuditChain.head(handle);
        head.put("seq", link.map(ChainLink::seq).orElse(0L));
        head.put("hash", link.map(ChainLink::hash).orElse(AuditChain.GENESIS));
        return head;
    }

    private static void line(Writer out, Map<String, Object> value) {
        try {
            out.write(Json.write(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
    }
}
