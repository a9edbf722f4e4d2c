package io.graygate.reporting;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Who, what and when of a stage report, as stored with the evaluation.
 *
 * @param auditChain the audit trail's state in words (append-only tables; the rows the report reads)
 * @param chain      the audit chain verified when the report was built (not part of the source SHA-256)
 */
public record ReportHeader(long evaluationId, String release, String stage, int stageNumber, int stageCount,
                           LocalDate windowStart, LocalDate windowEnd, LocalDate asOf, int observationDays,
                           int daysObserved, String rulesetSha256, String engineVersion, String auditChain,
                           Instant evaluatedAt, @JsonIgnore ChainStatus chain) {
}
