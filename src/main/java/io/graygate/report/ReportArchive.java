package io.graygate.report;

import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stores every exported report (format, SHA-256, bytes, the evaluations it was built from) in the
 * append-only {@code report_export} table, then writes the file. A file is only written once its record
 * is committed, so no exported report is missing from the audit.
 */
public final class ReportArchive {
    private final Jdbi jdbi;

    public ReportArchive(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the id of the stored export */
    public long export(RenderedReport report, Path file, String by) {
        long id = jdbi.inTransaction(h -> h.createUpdate("""
                        INSERT INTO report_export (kind, release, as_of, format, sha256, source_sha256, evaluation_ids,
                            content, path, exported_by)
                        VALUES (:kind, :release, :asOf, :format, :sha, :source, :ids, :content, :path, :by)""")
                .bind("kind", report.kind()).bind("release", report.release()).bind("asOf", report.asOf())
                .bind("format", report.format().name()).bind("sha", report.sha256())
                .bind("source", report.sourceSha256())
                .bindArray("ids", Long.class, report.evaluationIds())
                .bind("content", report.content()).bind("path", file.toString()).bind("by", by)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        write(file, report.content());
        return id;
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
