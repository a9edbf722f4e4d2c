package io.graygate.reporting;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Stores every exported report (format, SHA-256, bytes, the evaluations it was built from) in the
 * append-only {@code report_export} table, then writes the file. A file is only written once its record
 * is committed, so no exported report is missing from the audit. Reads them back for the service.
 */
public final class ReportArchive {
    /** The path recorded for a report stored by the service and never written to a file. */
    public static final String KEPT_IN_DATABASE = "";
    private static final String SELECT = """
            SELECT id, kind, release, as_of, format, sha256, source_sha256, evaluation_ids, path, exported_by, exported_at
            FROM report_export""";

    private final Jdbi jdbi;

    public ReportArchive(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the report, then writes it to {@code file}. @return the id of the stored export */
    public long export(RenderedReport report, Path file, String by) {
        long id = insert(report, file.toString(), by);
        write(file, report.content());
        return id;
    }

    /** Stores the report without writing a file (the service serves it from the database). @return its id */
    public long store(RenderedReport report, String by) {
        return insert(report, KEPT_IN_DATABASE, by);
    }

    private long insert(RenderedReport report, String path, String by) {
        return jdbi.inTransaction(h -> linked(h, h.createUpdate("""
                        INSERT INTO report_export (kind, release, as_of, format, sha256, source_sha256, evaluation_ids,
                            content, path, exported_by)
                        VALUES (:kind, :release, :asOf, :format, :sha, :source, :ids, :content, :path, :by)""")
                .bind("kind", report.kind()).bind("release", report.release()).bind("asOf", report.asOf())
                .bind("format", report.format().name()).bind("sha", report.sha256())
                .bind("source", report.sourceSha256())
                .bindArray("ids", Long.class, report.evaluationIds())
                .bind("content", report.content()).bind("path", path).bind("by", by)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
    }

    private static long linked(org.jdbi.v3.core.Handle h, long id) {
        AuditChain.link(h, ChainedTables.REPORT_EXPORT, id);
        return id;
    }

    /** The stored reports of a release, newest first, without their content. */
    public List<StoredReport> list(String release, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE release = :release ORDER BY id DESC LIMIT :limit")
                .bind("release", release).bind("limit", limit).map((rs, ctx) -> map(rs)).list());
    }

    public Optional<StoredReport> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** The stored bytes of a report, exactly as exported. */
    public Optional<byte[]> content(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT content FROM report_export WHERE id = :id").bind("id", id)
                .mapTo(byte[].class).findOne());
    }

    private static StoredReport map(ResultSet rs) throws SQLException {
        Long[] ids = (Long[]) rs.getArray("evaluation_ids").getArray();
        return new StoredReport(rs.getLong("id"), rs.getString("kind"), rs.getString("release"),
                rs.getObject("as_of", LocalDate.class), ReportFormat.valueOf(rs.getString("format")),
                rs.getString("sha256"), rs.getString("source_sha256"), List.of(ids), rs.getString("path"),
                rs.getString("exported_by"), rs.getTimestamp("exported_at").toInstant());
    }

    private static void write(Path file, byte[] content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
