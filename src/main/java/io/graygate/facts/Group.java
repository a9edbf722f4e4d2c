package io.graygate.facts;

/** Which population a summary describes: the symbols under the stage, or the baseline they are compared with. */
public enum Group {
    STAGE,
    BASELINE
}
