package io.graygate.rules.reload;

import java.util.List;

/**
 * What one reload did.
 *
 * @param candidateSha256 the SHA-256 of the rule files read, or null when they could not be read
 * @param liveSha256      the live set's SHA-256 after the reload, or null when none is live
 * @param problems        why the candidate was refused; empty otherwise
 */
public record ReloadResult(Outcome outcome, String candidateSha256, String liveSha256, List<String> problems) {
    public enum Outcome { SWAPPED, UNCHANGED, REFUSED }

    public ReloadResult {
        problems = List.copyOf(problems);
    }
}
