package io.graygate.evaluation;

/**
 * What is kept of one chunk of values (one series on one day): count, sum, extremes, the sum of squared
 * deviations from its mean (M2), and its largest values in descending order, enough of them to place a high
 * percentile of this chunk and, usually, of a merge of chunks (see {@link Aggregate#percentile}).
 */
public final class Part {
    private final long count;
    private final double sum;
    private final double min;
    private final double max;
    private final double m2;
    private final double[] topsDescending;

    /**
     * @param m2             sum of squared deviations from the mean (population variance times count)
     * @param topsDescending the largest values, largest first; all of them when its length equals count
     */
    public Part(long count, double sum, double min, double max, double m2, double[] topsDescending) {
        if (count < 1) {
            throw new IllegalArgumentException("a part holds at least one value, not " + count);
        }
        if (topsDescending.length < 1 || topsDescending.length > count) {
            throw new IllegalArgumentException("a part of " + count + " values keeps 1.." + count
                    + " of its largest values, not " + topsDescending.length);
        }
        for (int i = 1; i < topsDescending.length; i++) {
            if (topsDescending[i] > topsDescending[i - 1]) {
                throw new IllegalArgumentException("top values must be in descending order: " + topsDescending[i - 1]
                        + " before " + topsDescending[i]);
            }
        }
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.m2 = m2;
        this.topsDescending = topsDescending.clone();
    }

    /** A part keeps this share of its values from the top, and {@link #TOP_EXTRA} more (see {@link #topsToKeep}). */
    public static final double TOP_SHARE = 0.02;
    public static final int TOP_EXTRA = 2;

    /** How many of its largest values a part of {@code count} values keeps: 2% and two more, at most all. */
    public static int topsToKeep(long count) {
        return (int) Math.min(count, (long) Math.ceil(TOP_SHARE * count) + TOP_EXTRA);
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double m2() {
        return m2;
    }

    double mean() {
        return sum / count;
    }

    /** Every value of the part is in its top list. */
    boolean complete() {
        return topsDescending.length == count;
    }

    int topCount() {
        return topsDescending.length;
    }

    double top(int i) {
        return topsDescending[i];
    }

    /** The smallest value kept: nothing the part left out is larger. */
    double smallestKept() {
        return topsDescending[topsDescending.length - 1];
    }
}
