package io.graygate.modeswitch;

/** The strategy's mode on one symbol; {@code QUIET} is the starting mode and the rollback target. */
public enum Mode {
    QUIET, ACTIVE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
