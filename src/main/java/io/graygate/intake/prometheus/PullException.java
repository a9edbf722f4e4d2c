package io.graygate.intake.prometheus;

/** A pull that could not be done: Prometheus unreachable or refusing a query; the message says which and why. */
public class PullException extends RuntimeException {
    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}
