package io.graygate.rules.history;

import java.util.List;

/**
 * One file's difference between two rule sets.
 *
 * @param unified the unified line diff (with {@code ---}/{@code +++} headers) for added, removed and changed
 *                files; empty for unchanged ones
 */
public record FileDiff(String path, FileChange change, List<String> unified) {

    public FileDiff {
        unified = List.copyOf(unified);
    }
}
