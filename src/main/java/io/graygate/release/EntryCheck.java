package io.graygate.release;

import io.graygate.platform.config.StageConfig;

import java.util.List;

/**
 * The entry conditions of a stage. Returns the unmet conditions in words, empty when the stage may start.
 * The shipped check is {@link EntryRules}: the conditions themselves are rules in {@code rules/entry.drl}.
 */
public interface EntryCheck {
    List<String> unmet(StageConfig stage, ReleaseState state);
}
