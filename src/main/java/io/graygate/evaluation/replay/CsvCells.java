package io.graygate.evaluation.replay;

import java.util.regex.Pattern;

/**
 * Neutralises spreadsheet formula injection: a cell that starts with {@code = + - @}, a tab or a carriage
 * return gets a leading apostrophe, unless it is a plain number (a negative number stays a number).
 */
public final class CsvCells {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvCells() {
    }

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky ? "'" + cell : cell;
    }
}
