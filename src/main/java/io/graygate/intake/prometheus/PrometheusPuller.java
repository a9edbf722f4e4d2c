package io.graygate.intake.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.graygate.intake.Conflict;
import io.graygate.intake.IngestException;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.intake.InputFormat;
import io.graygate.intake.Rejection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls mapping entries from one Prometheus into graygate's samples. Each chunk of each entry goes through
 * {@link Ingester} as JSON Lines, so pulled samples get ingest's validation (NaN and Inf rejected, ranges,
 * names) and its duplicate and conflict handling; each chunk is one transaction, and the entry's cursor
 * moves past it once it committed. Points later than now are never asked for: Prometheus would answer them
 * by repeating the last sample, and the real one arriving later would then be a conflict.
 */
public final class PrometheusPuller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusClient client;
    private final Ingester ingester;
    private final PullCursors cursors;
    private final int chunkPoints;
    private final Clock clock;

    public PrometheusPuller(PrometheusClient client, Ingester ingester, PullCursors cursors, int chunkPoints, Clock clock) {
        if (chunkPoints < 1 || chunkPoints > ChunkPlan.PROMETHEUS_MAX_POINTS) {
            throw new IllegalArgumentException("points per chunk must be 1 to " + ChunkPlan.PROMETHEUS_MAX_POINTS
                    + " (Prometheus's limit per series), got " + chunkPoints);
        }
        this.client = client;
        this.ingester = ingester;
        this.cursors = cursors;
        this.chunkPoints = chunkPoints;
        this.clock = clock;
    }

    public String url() {
        return client.url();
    }

    /** Every entry over the same range; an entry whose query fails is reported and the others still run. */
    public PullReport pull(List<PromMapping> mappings, Instant from, Instant to) {
        List<EntryResult> results = new ArrayList<>();
        for (PromMapping mapping : mappings) {
            results.add(pullEntry(mapping, from, to));
        }
        return new PullReport(client.url(), results);
    }

    public EntryResult pullEntry(PromMapping mapping, Instant from, Instant to) {
        Instant now = clock.instant();
        Tally tally = new Tally();
        try {
            for (ChunkPlan.Chunk chunk : ChunkPlan.chunks(from, to.isAfter(now) ? now : to, mapping.step(), chunkPoints)) {
                pullChunk(mapping, chunk, tally);
                cursors.advance(client.url(), mapping, chunk.end());
                tally.pulledTo = chunk.end();
            }
        } catch (PullException | IngestException e) {
            tally.error = e.getMessage();
        }
        return tally.result(mapping);
    }

    private void pullChunk(PromMapping mapping, ChunkPlan.Chunk chunk, Tally tally) {
        List<PromSeries> series;
        try {
            series = client.queryRange(mapping.query(), chunk.start(), chunk.end(), mapping.step());
        } catch (PullException e) {
            throw new PullException(place(mapping) + ", " + chunk.start() + " .. " + chunk.end() + ": " + e.getMessage(), e);
        }
        tally.chunks++;
        Batch batch = batch(mapping, series);
        if (batch.points.isEmpty()) {
            return;
        }
        String origin = "prometheus " + client.url() + " " + mapping.key() + " [" + mapping.query() + "]";
        IngestReport report = ingester.ingest(origin, InputFormat.JSONL,
                new ByteArrayInputStream(batch.lines.toString().getBytes(StandardCharsets.UTF_8)));
        tally.add(mapping, report, batch.points);
    }

    /** Where a failure happened, for messages: the mapping key and its query. */
    private static String place(PromMapping mapping) {
        return "mapping '" + mapping.key() + "' (query " + mapping.query() + ")";
    }

    private record Ref(String symbol, Instant ts) {
    }

    private record Batch(StringBuilder lines, List<Ref> points) {
    }

    /** JSON Lines for ingest, one line per point; line N is {@code points.get(N - 1)}. */
    private static Batch batch(PromMapping mapping, List<PromSeries> series) {
        Map<String, Map<String, String>> seen = new HashMap<>();
        StringBuilder lines = new StringBuilder();
        List<Ref> refs = new ArrayList<>();
        for (PromSeries s : series) {
            String symbol = mapping.symbolLabel().isEmpty() ? "" : s.labels().getOrDefault(mapping.symbolLabel(), "");
            Map<String, String> earlier = seen.putIfAbsent(symbol, s.labels());
            if (earlier != null) {
                throw new PullException(place(mapping) + ": the query returned two series for "
                        + (symbol.isEmpty() ? "the same (no) symbol" : "symbol '" + symbol + "'") + ", " + earlier
                        + " and " + s.labels() + "; aggregate them in PromQL, e.g. "
                        + (mapping.symbolLabel().isEmpty() ? "sum(...)" : "max by (" + mapping.symbolLabel() + ") (...)"));
            }
            for (PromSeries.Point point : s.points()) {
                lines.append(line(mapping, symbol, point)).append('\n');
                refs.add(new Ref(symbol, point.ts()));
            }
        }
        return new Batch(lines, refs);
    }

    private static String line(PromMapping mapping, String symbol, PromSeries.Point point) {
        ObjectNode node = JSON.createObjectNode()
                .put("ts", point.ts().toString())
                .put("metric", mapping.metric())
                .put("value", point.value());
        if (!symbol.isEmpty()) {
            node.put("symbol", symbol);
        }
        node.put("source", mapping.source());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of texts always serialises", e);
        }
    }

    /** Counts over an entry's chunks. */
    private static final class Tally {
        int chunks;
        int points;
        int accepted;
        int duplicates;
        int conflicts;
        int rejected;
        final List<PullRejection> rejections = new ArrayList<>();
        final List<Conflict> conflictDetails = new ArrayList<>();
        Instant pulledTo;
        String error;

        void add(PromMapping mapping, IngestReport report, List<Ref> refs) {
            points += report.lines();
            accepted += report.accepted();
            duplicates += report.duplicates();
            conflicts += report.conflicts();
            rejected += report.rejected();
            for (Rejection r : report.rejections()) {
                Ref ref = refs.get(r.line() - 1);
                rejections.add(new PullRejection(mapping.key(), mapping.query(), ref.symbol(), ref.ts(), r.reason()));
            }
            conflictDetails.addAll(report.conflictDetails());
        }

        EntryResult result(PromMapping mapping) {
            return new EntryResult(mapping.key(), mapping.metric(), mapping.query(), chunks, points, accepted, duplicates,
                    conflicts, rejected, rejections, conflictDetails, pulledTo, error);
        }
    }
}
