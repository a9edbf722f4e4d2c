package io.graygate.intake;

import java.time.LocalDate;
import java.util.List;

/**
 * What one load did. Every data line is exactly one of accepted, duplicate, conflict or rejected.
 * {@code daysBuilt} are the UTC days the load stored as new partitions of {@code sample} (the bulk path);
 * its other days went through the keyed insert.
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
        List<Conflict> conflictDetails,
        List<LocalDate> daysBuilt) {

    public IngestReport {
        rejections = List.copyOf(rejections);
        conflictDetails = List.copyOf(conflictDetails);
        daysBuilt = List.copyOf(daysBuilt);
    }

    public String summary() {
        return origin + ": " + lines + " lines: " + accepted + " accepted, " + duplicates + " duplicates, "
                + conflicts + " conflicts, " + rejected + " rejected";
    }
}
