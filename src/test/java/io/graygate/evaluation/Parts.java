package io.graygate.evaluation;

import java.util.Arrays;

/** Parts made from values at hand, as the series-day query makes them from samples. */
final class Parts {
    private Parts() {
    }

    /** The part of these values, keeping {@code keep} of the largest (all of them if keep >= values.length). */
    static Part of(double[] values, int keep) {
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
}
