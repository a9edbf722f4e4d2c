package io.graygate.reporting;

import java.time.LocalDate;
import java.util.List;

/** One metric of the stage, one value a day over the window, with its normal range and alert threshold. */
public record Trend(String metric, MetricLimits limits, List<Point> points) {

    public Trend {
        points = List.copyOf(points);
    }

    /** The day's statistic named by the limits. */
    public record Point(LocalDate day, double value) {
    }
}
