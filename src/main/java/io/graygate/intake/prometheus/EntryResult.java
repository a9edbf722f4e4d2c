package io.graygate.intake.prometheus;

import io.graygate.intake.Conflict;

import java.time.Instant;
import java.util.List;

/**
 * What pulling one mapping entry did. Every point is exactly one of accepted, duplicate, conflict or
 * rejected. {@code error} is set when a query failed; the chunks before it are stored and counted.
 *
 * @param pulledTo the last point of the last stored chunk, null when none was
 */
public record EntryResult(String key, String metric, String query, int chunks, int points, int accepted,
                          int duplicates, int conflicts, int rejected, List<PullRejection> rejections,
                          List<Conflict> conflictDetails, Instant pulledTo, String error) {
    public EntryResult {
        rejections = List.copyOf(rejections);
        conflictDetails = List.copyOf(conflictDetails);
    }

    public boolean failed() {
        return error != null;
    }

    public String summary() {
        String counts = key + " -> " + metric + ": " + points + " points in " + chunks + (chunks == 1 ? " chunk: " : " chunks: ")
                + accepted + " accepted, " + duplicates + " duplicates, " + conflicts + " conflicts, " + rejected + " rejected";
        return failed() ? counts + "; FAILED: " + error : counts;
    }
}
