package io.graygate.intake.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One series of a range query's matrix: its labels and its points, values as Prometheus wrote them. */
record PromSeries(Map<String, String> labels, List<Point> points) {
    PromSeries {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    /** A point; the value stays text so that NaN and Inf reach ingest's validation unchanged. */
    record Point(Instant ts, String value) {
    }
}
