package io.graygate.modeswitch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parameter pairs a tuning run tries: every min_active x min_quiet in the two inclusive ranges. */
public record TuningGrid(int activeFrom, int activeTo, int quietFrom, int quietTo) {
    private static final Pattern TEXT = Pattern.compile(
            "\\s*min_active\\s*=\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*,\\s*min_quiet\\s*=\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*");
    public static final TuningGrid DEFAULT = new TuningGrid(2, 8, 4, 16);

    public TuningGrid {
        if (activeFrom < 1 || quietFrom < 1 || activeTo < activeFrom || quietTo < quietFrom) {
            throw new IllegalArgumentException("grid ranges must be 1 or more and ascending: min_active="
                    + activeFrom + ".." + activeTo + ", min_quiet=" + quietFrom + ".." + quietTo);
        }
        if ((long) (activeTo - activeFrom + 1) * (quietTo - quietFrom + 1) > 10_000) {
            throw new IllegalArgumentException("grid of more than 10000 pairs; narrow the ranges");
        }
    }

    /** Parses {@code min_active=2..8,min_quiet=4..16}. */
    public static TuningGrid parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--grid: expected min_active=A..B,min_quiet=C..D, got '" + text + "'");
        }
        return new TuningGrid(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    }

    @Override
    public String toString() {
        return "min_active=" + activeFrom + ".." + activeTo + ",min_quiet=" + quietFrom + ".." + quietTo;
    }
}
