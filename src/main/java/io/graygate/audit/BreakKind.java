package io.graygate.audit;

/** How the chain was broken. */
public enum BreakKind {
    /** A covered row (or the link row itself) was changed: its content no longer matches the stored hash. */
    EDITED,
    /** A link is missing: a gap in seq, or a prev_hash that is not the previous row's hash. */
    REMOVED,
    /** A link that does not belong: its prev_hash fits but its own hash or its position breaks the chain. */
    INSERTED,
    /** A row that should be chained has no link at all (legacy or written around graygate). */
    UNLINKED
}
