package io.graygate.intake.prometheus;

import java.util.List;

/** What one pull did, per mapping entry, in the mapping file's order. */
public record PullReport(String url, List<EntryResult> entries) {
    public PullReport {
        entries = List.copyOf(entries);
    }

    public boolean anyFailed() {
        return entries.stream().anyMatch(EntryResult::failed);
    }

    public boolean anyRejected() {
        return entries.stream().anyMatch(e -> e.rejected() > 0);
    }

    public int accepted() {
        return entries.stream().mapToInt(EntryResult::accepted).sum();
    }

    public int duplicates() {
        return entries.stream().mapToInt(EntryResult::duplicates).sum();
    }

    public String summary() {
        return url + ": " + entries.size() + " queries, " + accepted() + " accepted, " + duplicates() + " duplicates, "
                + entries.stream().mapToInt(EntryResult::conflicts).sum() + " conflicts, "
                + entries.stream().mapToInt(EntryResult::rejected).sum() + " rejected"
                + (anyFailed() ? ", " + entries.stream().filter(EntryResult::failed).count() + " failed" : "");
    }
}
