package io.graygate.facts;

/** How the gate hysteresis classified one evaluation. */
public enum GateOutcome {
    /** No rule and no data check spoke against advancing: the pass streak grows. */
    HEALTHY,
    /** Something held the stage (an unmet condition, a critical alert, too little data): both streaks end. */
    UNHEALTHY,
    /** A soft rollback trigger fired and no hard one: the soft-failure streak grows. */
    SOFT_TRIGGER,
    /** A hard rollback trigger voted ROLLBACK. */
    HARD_TRIGGER
}
