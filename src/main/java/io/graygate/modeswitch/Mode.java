package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

/** The strategy's mode on one symbol; {@code QUIET} is the starting mode and the rollback target. */
@RuleFact
public enum Mode {
    QUIET, ACTIVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
