package io.graygate.release.agents;

import java.util.regex.Pattern;

/**
 * The name of a strategy instance an agent runs for: letters, digits, '.', '_' and '-', starting with a letter or
 * digit, at most {@value #MAX_LENGTH} characters. It ends up in URLs, metric labels, file names and audit rows, so
 * nothing else is accepted (the same check is on the database columns).
 */
public final class InstanceName {
    public static final int MAX_LENGTH = 63;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private InstanceName() {
    }

    /** The name, or an IllegalArgumentException saying what is wrong with it. */
    public static String require(String name) {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            String shown = name == null ? "nothing" : "'" + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "'";
            throw new IllegalArgumentException("instance name must be 1.." + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-' starting with a letter or digit; got " + shown);
        }
        return name;
    }
}
