package io.graygate.release;

import io.graygate.config.StageConfig;

import java.util.List;

/**
 * One entry condition of a stage. Returns the unmet conditions in words, empty when it holds.
 * Stage 1's prerequisites come from {@code release_prerequisite} until attested facts replace that table.
 */
public interface EntryCheck {
    List<String> unmet(StageConfig stage, ReleaseState state);
}
