package io.graygate.alerting;

/** What raised an alert. */
public enum AlertKind {
    /** A stored evaluation decided ROLLBACK. */
    ROLLBACK_DECISION,
    /** A stored evaluation carries a critical-severity alert vote. */
    CRITICAL_ALERT,
    /** The newest sample of a watched metric is older than the configured age. */
    STALE_DATA,
    /** A person rolled the release back ({@code graygate rollback} or the API); told, not escalated. */
    OPERATOR_ROLLBACK
}
