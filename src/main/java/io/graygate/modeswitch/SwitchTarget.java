package io.graygate.modeswitch;

/** The switches per symbol-day a tuning aims at (inclusive), and the level above which it alerts. */
public record SwitchTarget(int low, int high, int alertAbove) {

    public SwitchTarget {
        if (low < 0 || high < low || alertAbove < high) {
            throw new IllegalArgumentException("target " + low + "-" + high + " with alert above " + alertAbove
                    + ": need 0 <= low <= high <= alert level");
        }
    }

    /** Parses {@code 4-8}. */
    public static SwitchTarget parse(String text, int alertAbove) {
        String[] parts = text.strip().split("-");
        try {
            if (parts.length == 2) {
                return new SwitchTarget(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()), alertAbove);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--target: expected LOW-HIGH such as 4-8, got '" + text + "'");
    }

    public boolean contains(int switches) {
        return switches >= low && switches <= high;
    }
}
