package io.graygate.evaluation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Merged parts against the same statistics computed over all their values at once. */
class AggregatePropertyTest {
    private static final double P99 = 0.99;

    /** Chunks of values (ties, outliers, single values), each kept with a random or the production top count. */
    record Chunks(List<double[]> values, List<Integer> keep) {
        List<Part> parts() {
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                parts.add(Parts.of(values.get(i), keep.get(i)));
            }
            return parts;
        }

        double[] allAscending() {
            double[] all = values.stream().flatMapToDouble(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }
    }

    @Provide
    Arbitrary<Chunks> chunks() {
        Arbitrary<Double> value = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 4).map(Integer::doubleValue),      // many ties
                Arbitraries.doubles().between(-10, 10),
                Arbitraries.doubles().between(1e3, 1e6));                              // outliers
        Arbitrary<double[]> chunk = value.list().ofMinSize(1).ofMaxSize(300)
                .map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
        Arbitrary<List<double[]>> chunks = chunk.list().ofMinSize(1).ofMaxSize(12);
        return chunks.flatMap(list -> Arbitraries.oneOf(
                        Arbitraries.just(list.stream().map(c -> Part.topsToKeep(c.length)).toList()),
                        Arbitraries.integers().between(1, 40).list().ofSize(list.size()))
                .map(keep -> new Chunks(list, keep)));
    }

    @Property(tries = 500)
    void aPercentileFromTopsIsTheExactOneWheneverItAnswers(@ForAll("chunks") Chunks chunks) {
        Aggregate aggregate = merge(chunks.parts());
        OptionalDouble fromTops = aggregate.percentile(P99);
        if (fromTops.isPresent()) {
            assertThat(fromTops.getAsDouble()).isEqualTo(Percentile.cont(chunks.allAscending(), P99));
        }
    }

    @Property(tries = 500)
    void partsKeepingAllTheirValuesAlwaysAnswer(@ForAll("chunks") Chunks chunks) {
        List<Part> complete = chunks.values().stream().map(v -> Parts.of(v, v.length)).toList();
        assertThat(merge(complete).percentile(P99)).hasValue(Percentile.cont(chunks.allAscending(), P99));
    }

    @Property(tries = 300)
    void copiesOfOneChunkAlwaysAnswerWithTheProductionTopCount(@ForAll("chunks") Chunks chunks,
                                                                @ForAll("copies") int copies) {
        double[] one = chunks.values().get(0);
        List<Part> parts = new ArrayList<>();
        double[] all = new double[one.length * copies];
        for (int i = 0; i < copies; i++) {
            double[] shuffled = shuffled(one, i);
            parts.add(Parts.of(shuffled, Part.topsToKeep(shuffled.length)));
            System.arraycopy(shuffled, 0, all, i * one.length, one.length);
        }
        Arrays.sort(all);
        assertThat(merge(parts).percentile(P99)).hasValue(Percentile.cont(all, P99));
    }

    @Provide
    Arbitrary<Integer> copies() {
        return Arbitraries.integers().between(1, 300);
    }

    @Property(tries = 500)
    void momentsAndExtremesAreThoseOfAllValues(@ForAll("chunks") Chunks chunks) {
        Aggregate aggregate = merge(chunks.parts());
        double[] all = chunks.allAscending();
        double sum = Arrays.stream(all).sum();
        double mean = sum / all.length;
        double m2 = Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum();
        double scale = Math.max(Math.abs(all[0]), Math.abs(all[all.length - 1]));
        assertThat(aggregate.count()).isEqualTo(all.length);
        assertThat(aggregate.min()).isEqualTo(all[0]);
        assertThat(aggregate.max()).isEqualTo(all[all.length - 1]);
        assertThat(aggregate.sum()).isCloseTo(sum, within(1e-9 * Math.max(scale, Math.abs(sum))));
        assertThat(aggregate.mean()).isCloseTo(mean, within(1e-9 * scale));
        assertThat(aggregate.stddevPop()).isCloseTo(Math.sqrt(m2 / all.length), within(1e-9 * scale));
    }

    @Example
    void aChunkHidingValuesAboveTheCandidateIsRefused() {
        // 100 ordinary values in each of four chunks, and a fifth whose 40 outliers exceed the 4 it keeps
        List<Part> parts = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            parts.add(Parts.of(ramp(100, 0, 1), Part.topsToKeep(100)));
        }
        double[] outliers = ramp(100, 0, 1);
        for (int i = 0; i < 40; i++) {
            outliers[i] = 1000 + i;
        }
        parts.add(Parts.of(outliers, Part.topsToKeep(100)));
        assertThat(merge(parts).percentile(P99)).isEmpty();
    }

    @Example
    void tiesAtTheCandidateDoNotRefuse() {
        // well under 1% ones in each chunk, so the P99 is a zero; every chunk keeps zeros, which only hide more zeros
        List<Part> parts = new ArrayList<>();
        double[] all = new double[0];
        for (int c = 0; c < 50; c++) {
            double[] values = new double[1440];
            for (int i = 0; i < 5 + c % 3; i++) {
                values[i] = 1;
            }
            parts.add(Parts.of(values, Part.topsToKeep(values.length)));
            all = concat(all, values);
        }
        Arrays.sort(all);
        assertThat(Percentile.cont(all, P99)).isZero();
        assertThat(merge(parts).percentile(P99)).hasValue(0.0);
    }

    @Example
    void aPartMustKeepItsLargestValuesInOrder() {
        assertThatThrownBy(() -> new Part(3, 6, 1, 3, 2, new double[]{2, 3}))
                .hasMessageContaining("descending order: 2.0 before 3.0");
        assertThatThrownBy(() -> new Part(2, 3, 1, 2, 0.5, new double[]{2, 1, 0}))
                .hasMessageContaining("keeps 1..2 of its largest values, not 3");
    }

    private static Aggregate merge(List<Part> parts) {
        Aggregate aggregate = new Aggregate();
        parts.forEach(aggregate::add);
        return aggregate;
    }

    private static double[] ramp(int n, double from, double step) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + i * step;
        }
        return values;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A deterministic permutation: the parts' order of values must not matter. */
    private static double[] shuffled(double[] values, int seed) {
        double[] copy = values.clone();
        java.util.Random random = new java.util.Random(seed);
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }
}
