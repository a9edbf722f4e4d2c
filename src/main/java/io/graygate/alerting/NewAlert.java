package io.graygate.alerting;

import io.graygate.facts.Severity;

import java.time.Instant;
import java.util.List;

/** An alert about to be raised; see {@link Alert} for the fields. */
record NewAlert(String release, AlertKind kind, Severity severity, String stage, Long evaluationId, Integer voteSeq,
                String subject, String summary, List<String> reasons, boolean escalate, Instant raisedAt) {
}
