package io.graygate.rules.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Per-file differences between two stored rule sets, with unified line diffs from java-diff-utils. */
public final class RuleSetDiff {
    static final int CONTEXT_LINES = 3;

    private RuleSetDiff() {
    }

    /** Every file of either set, in path order. */
    public static List<FileDiff> between(StoredRuleSet from, StoredRuleSet to) {
        TreeSet<String> paths = new TreeSet<>();
        from.files().forEach(f -> paths.add(f.path()));
        to.files().forEach(f -> paths.add(f.path()));
        List<FileDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            diffs.add(diff(path, from.file(path).map(StoredFile::content).orElse(null),
                    to.file(path).map(StoredFile::content).orElse(null)));
        }
        return diffs;
    }

    static FileDiff diff(String path, String before, String after) {
        FileChange change = before == null ? FileChange.ADDED : after == null ? FileChange.REMOVED
                : before.equals(after) ? FileChange.UNCHANGED : FileChange.CHANGED;
        if (change == FileChange.UNCHANGED) {
            return new FileDiff(path, change, List.of());
        }
        List<String> old = lines(before);
        Patch<String> patch = DiffUtils.diff(old, lines(after));
        String oldName = before == null ? "/dev/null" : "a/" + path;
        String newName = after == null ? "/dev/null" : "b/" + path;
        return new FileDiff(path, change, UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, old, patch, CONTEXT_LINES));
    }

    private static List<String> lines(String content) {
        return content == null || content.isEmpty() ? List.of() : List.of(content.split("\r?\n", -1));
    }
}
