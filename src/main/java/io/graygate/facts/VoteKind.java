package io.graygate.facts;

/** What kind of rule cast a vote. */
public enum VoteKind {
    /** An advance condition: met votes ADVANCE, unmet votes HOLD. */
    GATE,
    /** A rollback trigger that fired: ROLLBACK, or HOLD for a soft trigger below its failure limit. */
    ROLLBACK,
    /** A monitoring threshold crossed; critical alerts hold the stage, warnings only inform. */
    ALERT,
    /** graygate's own integrity checks: observation period and data coverage. */
    ENGINE,
    /** An unmet condition for starting a stage (rules/entry.drl); never part of an evaluation. */
    ENTRY
}
