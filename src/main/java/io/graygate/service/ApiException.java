package io.graygate.service;

import java.util.List;

/** A request that cannot be served; becomes a JSON error with this status. */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<String> reasons;

    public ApiException(int status, String message, List<String> reasons) {
        super(message);
        this.status = status;
        this.reasons = List.copyOf(reasons);
    }

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public int status() {
        return status;
    }

    public List<String> reasons() {
        return reasons;
    }
}
