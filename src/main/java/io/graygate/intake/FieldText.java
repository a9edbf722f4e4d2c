package io.graygate.intake;

/**
 * A field of an input line as it is quoted in a rejection reason. Reasons are printed on a terminal and
 * returned by the API, so control characters from the input are shown escaped (an ESC from a file must
 * not drive the operator's terminal) and a huge field is cut to its start (the whole line stays in
 * {@code ingest_rejection.raw}).
 */
final class FieldText {
    static final int SHOWN = 64;

    private FieldText() {
    }

    static String quoted(String text) {
        return "'" + printable(text.substring(0, Math.min(text.length(), SHOWN))) + "'" + cutNote(text);
    }

    /** Like {@link #quoted} without the quotes, for JSON values that bring their own. */
    static String shown(String text) {
        return printable(text.substring(0, Math.min(text.length(), SHOWN))) + cutNote(text);
    }

    private static String cutNote(String text) {
        return text.length() > SHOWN ? " (" + text.length() + " characters, first " + SHOWN + " shown)" : "";
    }

    /** The text with every control character written as an escape, so that it stays on one printed line. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            shown.append(printable(text.charAt(i)));
        }
        return shown.toString();
    }

    private static String printable(char c) {
        if (c == '\t') {
            return "\\t";
        }
        if (Character.isISOControl(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }
}
