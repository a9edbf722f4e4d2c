package io.graygate.facts;

import java.time.Instant;

/**
 * A person's statement on a judgement of the task card that data cannot make (user feedback positive,
 * team agrees to make it the default, ...). The rules see the latest statement per stage and check.
 *
 * @param check a short name such as {@code business_feedback_positive}
 * @param value yes (true) or no (false)
 * @param by    who stated it
 */
public record Attestation(String stage, String check, boolean value, String by, String note, Instant at) {
}
