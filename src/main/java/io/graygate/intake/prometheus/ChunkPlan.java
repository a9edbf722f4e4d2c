package io.graygate.intake.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pull into range queries of at most {@code maxPoints} points per series (Prometheus refuses more
 * than 11,000). Points sit on multiples of the step since the epoch, whatever the requested start, so
 * pulls of overlapping ranges ask for the same timestamps and a re-pull finds duplicates, not new samples.
 */
final class ChunkPlan {
    static final int PROMETHEUS_MAX_POINTS = 11_000;

    private ChunkPlan() {
    }

    /** An inclusive range of points: {@code start}, {@code start + step}, ..., {@code end}. */
    record Chunk(Instant start, Instant end) {
    }

    static List<Chunk> chunks(Instant from, Instant to, Duration step, int maxPoints) {
        if (maxPoints < 1 || maxPoints > PROMETHEUS_MAX_POINTS) {
            throw new IllegalArgumentException("points per chunk must be 1 to " + PROMETHEUS_MAX_POINTS + ", got " + maxPoints);
        }
        long stepMs = step.toMillis();
        long first = Math.floorDiv(from.toEpochMilli() + stepMs - 1, stepMs) * stepMs;
        long last = Math.floorDiv(to.toEpochMilli(), stepMs) * stepMs;
        List<Chunk> chunks = new ArrayList<>();
        for (long start = first; start <= last; start += maxPoints * stepMs) {
            long end = Math.min(start + (maxPoints - 1) * stepMs, last);
            chunks.add(new Chunk(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
        }
        return chunks;
    }
}
