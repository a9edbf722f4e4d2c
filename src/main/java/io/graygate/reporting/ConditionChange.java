package io.graygate.reporting;

/**
 * A condition whose outcome or value differs from the previous evaluation of the stage.
 *
 * @param before "met 6" / "not met 9" / "not judged"
 */
public record ConditionChange(String condition, String before, String after) {
}
