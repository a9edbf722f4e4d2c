package io.graygate.ingest;

/** The input as a whole cannot be read (missing file, unusable header); nothing was loaded. */
public class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
