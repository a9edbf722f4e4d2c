package io.graygate.release;

import java.time.Instant;

/** One stored lifecycle transition; {@code stage} is null for a rollback. */
public record ReleaseEvent(long id, String release, EventKind kind, String stage, Integer stageNumber, String actor,
                           String reason, boolean drill, Instant at) {
}
