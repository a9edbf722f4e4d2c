package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

/**
 * Where a window's activity lies against the stage's two thresholds. With {@code quiet_threshold} equal to
 * {@code active_threshold} (the default) no window is ever {@code BETWEEN}.
 */
@RuleFact
public enum Band {
    /** activity &gt;= active_threshold: builds the streak toward active mode */
    ACTIVE,
    /** quiet_threshold &lt;= activity &lt; active_threshold: builds no streak toward a switch */
    BETWEEN,
    /** activity &lt; quiet_threshold: builds the streak toward quiet mode */
    QUIET
}
