package io.graygate.alerting;

/** An alert request that cannot be carried out (unknown id, already acknowledged). */
public class AlertException extends IllegalArgumentException {
    private final boolean notFound;

    public AlertException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
