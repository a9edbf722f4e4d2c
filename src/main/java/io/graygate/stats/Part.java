package io.graygate.stats;

import java.util.Arrays;

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

    /** How many of its largest values a part of {@code count} values keeps: 2% and two more, at most all. */
    public static int topsToKeep(long count) {
        return (int) Math.min(count, (long) Math.ceil(0.02 * count) + 2);
    }

    /** The part of these values, keeping {@code keep} of the largest (all of them if keep >= values.length). */
    public static Part of(double[] values, int keep) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double m2 = 0;
        for (double v : values) {
            m2 += (v - mean) * (v - mean);
        }
        int kept = Math.max(1, Math.min(keep, sorted.length));
        double[] tops = new double[kept];
        for (int i = 0; i < kept; i++) {
            tops[i] = sorted[sorted.length - 1 - i];
        }
        return new Part(values.length, sum, sorted[0], sorted[sorted.length - 1], m2, tops);
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
