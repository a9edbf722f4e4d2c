package io.graygate.intake;

/** Why one input line cannot be loaded; becomes a {@link Rejection}. */
final class LineProblem extends Exception {
    LineProblem(String reason) {
        super(reason, null, false, false);
    }
}
