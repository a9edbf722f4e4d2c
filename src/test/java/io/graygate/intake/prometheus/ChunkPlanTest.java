package io.graygate.intake.prometheus;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkPlanTest {
    private static final Instant T = Instant.parse("2026-03-06T10:00:00Z");

    @Test
    void pointsSitOnStepMultiplesAndChunksDoNotOverlap() {
        List<ChunkPlan.Chunk> chunks = ChunkPlan.chunks(T.plusSeconds(17), T.plusSeconds(17 * 60), Duration.ofMinutes(1), 5);

        assertThat(chunks).containsExactly(
                new ChunkPlan.Chunk(T.plusSeconds(60), T.plusSeconds(300)),
                new ChunkPlan.Chunk(T.plusSeconds(360), T.plusSeconds(600)),
                new ChunkPlan.Chunk(T.plusSeconds(660), T.plusSeconds(900)),
                new ChunkPlan.Chunk(T.plusSeconds(960), T.plusSeconds(1020)));
    }

    @Test
    void aRangeWithoutAStepMultipleHasNoChunks() {
        assertThat(ChunkPlan.chunks(T.plusSeconds(1), T.plusSeconds(59), Duration.ofMinutes(1), 10)).isEmpty();
        assertThat(ChunkPlan.chunks(T, T, Duration.ofMinutes(1), 10)).containsExactly(new ChunkPlan.Chunk(T, T));
    }

    @Test
    void moreThanPrometheusAllowsIsRefused() {
        assertThatThrownBy(() -> ChunkPlan.chunks(T, T.plusSeconds(3600), Duration.ofMinutes(1), 11_001))
                .hasMessageContaining("1 to 11000");
    }

    @Property
    void everyStepMultipleInTheRangeIsInExactlyOneChunkOfAtMostMaxPoints(
            @ForAll @LongRange(min = 0, max = 100_000) long fromSeconds, @ForAll @IntRange(min = 0, max = 5_000) int lengthSeconds,
            @ForAll @IntRange(min = 1, max = 600) int stepSeconds, @ForAll @IntRange(min = 1, max = 50) int maxPoints) {
        Instant from = T.plusSeconds(fromSeconds);
        Instant to = from.plusSeconds(lengthSeconds);
        long step = stepSeconds;
        List<ChunkPlan.Chunk> chunks = ChunkPlan.chunks(from, to, Duration.ofSeconds(step), maxPoints);

        long expected = Math.floorDiv(to.getEpochSecond(), step) - Math.floorDiv(from.getEpochSecond() + step - 1, step) + 1;
        long covered = 0;
        Instant previousEnd = null;
        for (ChunkPlan.Chunk chunk : chunks) {
            long points = (chunk.end().getEpochSecond() - chunk.start().getEpochSecond()) / step + 1;
            assertThat(points).isBetween(1L, (long) maxPoints);
            assertThat(chunk.start().getEpochSecond() % step).isZero();
            assertThat(chunk.start()).isAfterOrEqualTo(from);
            assertThat(chunk.end()).isBeforeOrEqualTo(to);
            if (previousEnd != null) {
                assertThat(chunk.start()).isEqualTo(previousEnd.plusSeconds(step));
            }
            previousEnd = chunk.end();
            covered += points;
        }
        assertThat(covered).isEqualTo(Math.max(expected, 0));
    }
}
