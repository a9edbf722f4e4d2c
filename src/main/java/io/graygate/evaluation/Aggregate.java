package io.graygate.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Values summarised by merging {@link Part}s: count, sum, mean, extremes and population standard deviation
 * exactly as over the values themselves (up to rounding), and a percentile with PostgreSQL's
 * {@code percentile_cont} semantics whenever the parts' top lists decide it.
 */
public final class Aggregate {
    private final List<Part> parts = new ArrayList<>();
    private long count;
    private double sum;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private int tops;

    public void add(Part part) {
        parts.add(part);
        tops += part.topCount();
        min = Math.min(min, part.min());
        max = Math.max(max, part.max());
        sum += part.sum();
        if (count == 0) {
            count = part.count();
            mean = part.mean();
            m2 = part.m2();
            return;
        }
        // Chan, Golub, LeVeque: pairwise combination of (n, mean, M2), stable where the naive sum of squares is not
        long merged = count + part.count();
        double delta = part.mean() - mean;
        mean += delta * part.count() / merged;
        m2 += part.m2() + delta * delta * ((double) count * part.count() / merged);
        count = merged;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    /** sum / count, as PostgreSQL's avg computes it. */
    public double mean() {
        return sum / count;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double stddevPop() {
        return count == 0 ? 0 : Math.sqrt(m2 / count);
    }

    /**
     * {@code percentile_cont(fraction)} over all merged values, from the parts' top lists: the value at
     * ascending position floor(fraction * (n - 1)) and the next one, interpolated. Empty when the lists cannot
     * decide it: they hold fewer values than the depth needed, or a part left values out whose kept minimum is
     * above the candidate (a left-out value could lie between them). A part whose kept minimum equals the
     * candidate may hide more values equal to it, which moves no position's value.
     */
    public OptionalDouble percentile(double fraction) {
        if (count == 0) {
            return OptionalDouble.empty();
        }
        double rank = fraction * (count - 1);
        long lowRow = (long) Math.floor(rank);
        long highRow = (long) Math.ceil(rank);
        long lowDepth = count - 1 - lowRow;
        if (lowDepth >= tops) {
            return OptionalDouble.empty();
        }
        double[] ascending = new double[tops];
        int at = 0;
        for (Part part : parts) {
            for (int i = 0; i < part.topCount(); i++) {
                ascending[at++] = part.top(i);
            }
        }
        Arrays.sort(ascending);
        double low = ascending[tops - 1 - (int) lowDepth];
        for (Part part : parts) {
            if (!part.complete() && part.smallestKept() > low) {
                return OptionalDouble.empty();
            }
        }
        if (highRow == lowRow) {
            return OptionalDouble.of(low);
        }
        double high = ascending[tops - 1 - (int) (count - 1 - highRow)];
        return OptionalDouble.of(Percentile.interpolate(low, high, rank - lowRow));
    }
}
