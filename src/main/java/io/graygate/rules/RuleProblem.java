package io.graygate.rules;

/** One problem in a rule file, printed as {@code FILE:LINE:COL: severity: message}. */
public record RuleProblem(String file, int line, int column, String severity, String message) {

    public boolean isError() {
        return severity.equals("error");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity + ": " + message;
    }
}
