package io.graygate.release;

import io.graygate.facts.StageEntry;

import java.util.List;

/**
 * Facts one kind of entry condition needs, read when a stage is asked to start. A new condition is one more
 * source (when it needs data the others do not give) and one more rule in {@code rules/entry.drl}.
 */
@FunctionalInterface
public interface EntryFactSource {
    List<?> facts(StageEntry entry, ReleaseState state);
}
