package io.graygate.platform;

/** The database cannot be reached or prepared; the message says which and how to fix it. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What the database said, without the statement and its arguments that JDBC wrappers append: the first
     * line of the innermost SQL error in the cause chain, else of the throwable itself.
     */
    public static String firstLine(Throwable failure) {
        Throwable said = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                said = t;
            }
        }
        String message = said.getMessage() == null ? said.getClass().getSimpleName() : said.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
