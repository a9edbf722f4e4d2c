package io.graygate.alerting;

/** The JSON a channel receives. */
public enum ChannelType {
    /** A Slack incoming webhook: {@code text} plus {@code blocks}. */
    SLACK,
    /** graygate's own JSON: id, kind, severity, release, stage, evaluation, summary, reasons, links. */
    GENERIC
}
