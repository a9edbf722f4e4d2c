package io.graygate.rules.history;

import java.time.OffsetDateTime;

/**
 * One stored rule set as {@code rules history} lists it.
 *
 * @param firstStored when the rule set was first stored (it is stored once per SHA-256)
 * @param loadedBy    who or what loaded it first, e.g. {@code cli:evaluate}
 * @param evaluations how many stored evaluations used it
 */
public record RuleSetVersion(String sha256, OffsetDateTime firstStored, String loadedBy, int fileCount, long evaluations) {
}
