package io.graygate.intake;

import io.graygate.audit.AuditChain;
import io.graygate.audit.ChainedTables;
import io.graygate.platform.config.MetricCatalogue;
import io.graygate.platform.SeriesKey;
import io.graygate.platform.SeriesRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.zip.GZIPInputStream;

/**
 * Loads metric samples: each input is one transaction. Valid lines stream through COPY into a staging
 * table and land per day ({@link SampleWriter}); the same sample twice is one row, the same key with another
 * value keeps the first value and records the conflict; bad lines are kept with their reason.
 */
public final class Ingester {
    private static final int READ_BUFFER = 1 << 16;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ingester.class);

    private final Jdbi jdbi;
    private final MetricCatalogue catalogue;
    private final SeriesRegistry.Known knownSeries = new SeriesRegistry.Known();

    /** How far after now a sample may be stamped (clock skew between hosts); later ones are refused. */
    public static final java.time.Duration DEFAULT_FUTURE_SKEW = java.time.Duration.ofMinutes(10);

    private final java.time.Clock clock;
    private final java.time.Duration futureSkew;

    public Ingester(Jdbi jdbi, MetricCatalogue catalogue) {
        this(jdbi, catalogue, java.time.Clock.systemUTC(), DEFAULT_FUTURE_SKEW);
    }

    public Ingester(Jdbi jdbi, MetricCatalogue catalogue, java.time.Clock clock, java.time.Duration futureSkew) {
        this.clock = clock;
        this.futureSkew = futureSkew;
        this.jdbi = jdbi;
        this.catalogue = catalogue;
    }

    public IngestReport ingestFile(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, READ_BUFFER) : raw) {
            return ingest(file.toString(), InputFormat.forFile(file), in);
        } catch (NoSuchFileException e) {
            throw new IngestException(file + ": file not found");
        } catch (IOException e) {
            throw new IngestException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public IngestReport ingest(String origin, InputFormat format, InputStream in) {
        try (SeriesRegistry series = new SeriesRegistry(jdbi, knownSeries)) {
            return jdbi.inTransaction(handle -> {
                try {
                    return load(handle, series, origin, format, in);
                } catch (IOException e) {
                    throw new IngestException(origin + ": cannot read: " + e.getMessage(), e);
                } catch (SQLException e) {
                    throw new IngestException(origin + ": the database refused the load: " + e.getMessage(), e);
                }
            });
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new IngestException(origin + ": the database refused the load: " + e.getMessage(), e);
        }
    }

    private IngestReport load(Handle handle, SeriesRegistry series, String origin, InputFormat format, InputStream in)
            throws IOException, SQLException {
        long runId = handle.createUpdate("INSERT INTO ingest_run (origin, format) VALUES (:origin, :format)")
                .bind("origin", origin).bind("format", format.name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        SampleWriter writer = new SampleWriter(handle, runId);
        String copyStatement = writer.createStaging(StagedRows.COPY_OPTIONS);

        long started = System.nanoTime();
        Parsed parsed = stream(handle, copyStatement, series, origin, format, in);
        long streamed = System.nanoTime();

        SampleWriter.Stored stored = writer.store(parsed.days, parsed.staged);
        int accepted = stored.rows();
        List<Conflict> conflicts = accepted == parsed.staged ? List.of() : writer.recordConflicts(series, origin, parsed.days);
        writer.dropStaging();
        int duplicates = parsed.staged - accepted - conflicts.size();
        storeRejections(handle, runId, parsed.rejections);
        AuditChain.linkGroup(handle, ChainedTables.INGEST_REJECTION, runId);
        AuditChain.linkGroup(handle, ChainedTables.INGEST_CONFLICT, runId);
        LOG.debug("{}: parse and COPY {} ms, insert and classify {} ms", origin, (streamed - started) / 1_000_000,
                (System.nanoTime() - streamed) / 1_000_000);

        handle.createUpdate("UPDATE ingest_run SET finished_at = now(), lines = :lines, accepted = :accepted, "
                        + "duplicates = :duplicates, conflicts = :conflicts, rejected = :rejected WHERE id = :id")
                .bind("lines", parsed.lines).bind("accepted", accepted).bind("duplicates", duplicates)
                .bind("conflicts", conflicts.size()).bind("rejected", parsed.rejections.size()).bind("id", runId)
                .execute();
        return new IngestReport(origin, runId, parsed.lines, accepted, duplicates, conflicts.size(),
                parsed.rejections.size(), parsed.rejections, conflicts, stored.daysBuilt());
    }

    private record Parsed(int lines, int staged, List<Rejection> rejections, SortedSet<LocalDate> days) {
    }

    private Parsed stream(Handle handle, String copyStatement, SeriesRegistry series, String origin, InputFormat format,
                          InputStream in)
            throws IOException, SQLException {
        LineReader reader = new LineReader(in);
        SampleValidator validator = new SampleValidator(catalogue, clock.instant().plus(futureSkew));
        JsonLines json = format == InputFormat.JSONL ? new JsonLines() : null;
        CsvLines csv = null;
        List<Rejection> rejections = new ArrayList<>();
        int lines = 0;

        CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement);
        StagedRows rows = new StagedRows(copy);
        try {
            while (reader.next()) {
                String text = reader.text();
                int lineNumber = reader.lineNumber();
                if (lineNumber == 1 && text != null && text.startsWith("\uFEFF")) {
                    text = text.substring(1);   // a byte order mark from editors that write one
                }
                if (text != null && text.isBlank()) {
                    continue;
                }
                if (format == InputFormat.CSV && csv == null) {
                    if (text == null) {
                        throw new IngestException(origin + ":" + lineNumber + ": bad header: not valid UTF-8");
                    }
                    csv = CsvLines.fromHeader(origin, lineNumber, text);
                    continue;
                }
                lines++;
                try {
                    if (text == null) {
                        throw new LineProblem("bad UTF-8: the line is not valid UTF-8 text");
                    }
                    if (!reader.wasPrintableAscii()) {
                        rejectControlCharacters(text);
                    }
                    RawFields fields = csv != null ? csv.parse(text) : json.parse(text);
                    Sample sample = validator.validate(lineNumber, fields);
                    int seriesId = series.idFor(new SeriesKey(sample.metric(), sample.symbol(), sample.source()));
                    rows.add(seriesId, sample);
                } catch (LineProblem problem) {
                    rejections.add(new Rejection(origin, lineNumber, reader.lossyText(), problem.getMessage()));
                }
            }
            rows.finish();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return new Parsed(lines, rows.count(), rejections, rows.days());
    }

    /**
     * Trimming a field strips control characters too, so "\u001bcpu_ratio" would pass as cpu_ratio; a valid
     * line never needs one (tab aside), and NULs are what a file cut short by a crash is padded with.
     */
    private static void rejectControlCharacters(String text) throws LineProblem {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw new LineProblem("NUL byte in the line: the file is corrupt or was cut short");
            }
            if (c != '\t' && Character.isISOControl(c)) {
                throw new LineProblem(String.format("control character U+%04X in the line", (int) c));
            }
        }
    }

    private static void storeRejections(Handle handle, long runId, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO ingest_rejection (ingest_id, origin, line, raw, reason) "
                + "VALUES (:run, :origin, :line, :raw, :reason)");
        for (Rejection rejection : rejections) {
            batch.bind("run", runId).bind("origin", rejection.origin()).bind("line", rejection.line())
                    .bind("raw", rejection.raw()).bind("reason", rejection.reason()).add();
        }
        batch.execute();
    }
}
