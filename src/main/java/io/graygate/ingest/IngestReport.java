package io.graygate.ingest;

import java.util.List;

/**
 * What one load did. Every data line is exactly one of accepted, duplicate, conflict or rejected.
 */
public record IngestReport(
        String origin,
        long ingestId,
        int lines,
        int accepted,
        int duplicates,
        int conflicts,
        int rejected,
        List<Rejection> rejections,
        List<Conflict> conflictDetails) {

    public IngestReport {
        rejections = List.copyOf(rejections);
        conflictDetails = List.copyOf(conflictDetails);
    }

    public String summary() {
        return origin + ": " + lines + " lines: " + accepted + " accepted, " + duplicates + " duplicates, "
                + conflicts + " conflicts, " + rejected + " rejected";
    }
}
