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
    UNLINKED,
    /** An unkeyed link after keyed ones: written by someone who does not hold the audit key. */
    DOWNGRADED,
    /** The chain is shorter than a checkpoint kept outside the database: its newest links were removed. */
    TRUNCATED,
    /** The link at a checkpoint's seq has another hash: the chain was rewritten, reordered or rechained. */
    REWRITTEN,
    /** A checkpoint whose MAC does not hold under the audit key: it was not written by graygate. */
    FORGED_CHECKPOINT
}
