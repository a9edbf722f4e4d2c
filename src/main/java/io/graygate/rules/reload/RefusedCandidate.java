package io.graygate.rules.reload;

import java.time.Instant;
import java.util.List;

/**
 * The last candidate rule set that was not let live.
 *
 * @param sha256 its SHA-256, or null when its files could not even be read
 */
public record RefusedCandidate(String sha256, Instant at, String requestedBy, List<String> problems) {
    public RefusedCandidate {
        problems = List.copyOf(problems);
    }
}
