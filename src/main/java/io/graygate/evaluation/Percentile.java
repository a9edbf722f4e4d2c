package io.graygate.evaluation;

/** PostgreSQL's {@code percentile_cont} over values at hand. */
public final class Percentile {
    private Percentile() {
    }

    /** percentile_cont(fraction) WITHIN GROUP (ORDER BY value) over values sorted ascending (not empty). */
    public static double cont(double[] ascending, double fraction) {
        double rank = fraction * (ascending.length - 1);
        long lowRow = (long) Math.floor(rank);
        long highRow = (long) Math.ceil(rank);
        double low = ascending[(int) lowRow];
        return highRow == lowRow ? low : interpolate(low, ascending[(int) highRow], rank - lowRow);
    }

    /** The same arithmetic as PostgreSQL's float8 lerp, so that equal inputs give equal bits. */
    static double interpolate(double low, double high, double proportion) {
        return low + proportion * (high - low);
    }
}
