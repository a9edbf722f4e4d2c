package io.graygate.store;

/** The database cannot be reached or prepared; the message says which and how to fix it. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
