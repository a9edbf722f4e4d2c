package io.graygate.rules;

/**
 * The text of a rule file with comments and string literals blanked out (same length, newlines kept),
 * so a search for forbidden code neither trips over prose nor misses code, and offsets map to lines.
 */
final class DrlSource {
    private final String original;
    private final String code;
    private final int[] lineStarts;

    DrlSource(String original) {
        this.original = original;
        this.code = blankCommentsAndStrings(original);
        this.lineStarts = original.lines().count() == 0 ? new int[]{0} : lineStarts(original);
    }

    String code() {
        return code;
    }

    String original() {
        return original;
    }

    /** 1-based line of a character offset. */
    int line(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    /** Offset of the first character of a 1-based line (the end of the text past the last line). */
    int offset(int line) {
        return line < 1 ? 0 : line > lineStarts.length ? original.length() : lineStarts[line - 1];
    }

    /** 1-based column of a character offset. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    private static int[] lineStarts(String text) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String blankCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = blankUntil(out, text, i, text.indexOf('\n', i));
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = blankUntil(out, text, i, end < 0 ? -1 : end + 2);
            } else if (c == '"' || c == '\'') {
                i = blankUntil(out, text, i, endOfLiteral(text, i, c));
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Blanks [from, end) but keeps newlines; end -1 means to the end of the text. */
    private static int blankUntil(StringBuilder out, String text, int from, int end) {
        int stop = end < 0 ? text.length() : end;
        for (int i = from; i < stop; i++) {
            if (text.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
        return stop;
    }
}
