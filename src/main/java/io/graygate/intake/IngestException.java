package io.graygate.intake;

/** The input as a whole cannot be read (missing file, unusable header); nothing was loaded. */
public class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The database failed, not the input: the same input may well load when sent again. */
    public boolean databaseFailed() {
        return getCause() instanceof java.sql.SQLException || getCause() instanceof org.jdbi.v3.core.JdbiException;
    }
}
