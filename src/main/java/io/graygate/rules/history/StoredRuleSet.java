package io.graygate.rules.history;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** A rule set as stored in {@code ruleset} and {@code ruleset_file}, files in path order. */
public record StoredRuleSet(String sha256, OffsetDateTime firstStored, String loadedBy, List<StoredFile> files) {

    public StoredRuleSet {
        files = List.copyOf(files);
    }

    public Optional<StoredFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
