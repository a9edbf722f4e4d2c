package io.graygate.reporting;

import java.util.regex.Pattern;

/**
 * Neutralises spreadsheet formula injection: a cell starting with = + - @ tab or carriage return is
 * prefixed with an apostrophe so a spreadsheet shows it as text, except plain numbers ("-0.05" stays a
 * number).
 */
public final class CsvCells {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private CsvCells() {
    }

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (risky && !NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }
}
