package io.graygate.evaluation;

import net.jqwik.api.Tag;
import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;

import io.graygate.platform.config.BaselineConfig;
import io.graygate.platform.config.BaselineMode;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.MetricSummary;
import io.graygate.platform.Database;
import io.graygate.platform.SampleDays;
import io.graygate.testing.TestDatabase;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Handle;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FactBuilder (one pass per group, merged in Java) against {@link GroupingSetsOracle} (the former GROUPING SETS
 * queries) on random small datasets: several metrics with and without a symbol, series of two sources for one
 * symbol, symbols and days without samples, samples outside the windows, ties, single samples, and outliers
 * concentrated in one symbol, one day or one series, so that the raw percentile fallback is taken too. Every
 * fact must be the same, in the same order: counts, days, extremes and P99 exactly, sums, means and standard
 * deviations within 1e-9 of the largest magnitude in the fact.
 */
@Tag("db")
class FactBuilderPropertyTest {
    private static final LocalDate WINDOW_START = LocalDate.of(2026, 3, 10);
    private static final List<String> UNIVERSE = List.of("SA", "SB", "SC", "SD");
    private static final List<String> SYMBOL_METRICS = List.of("zscore", "ofi_signal_quality", "mode_switch_count",
            "uncatalogued_metric");
    private static final List<String> SYSTEM_METRICS = List.of("param_update_latency_ms", "crash_count", "cpu_ratio");
    private static final List<String> REQUIRED = List.of("zscore", "ofi_signal_quality", "mode_switch_count",
            "param_update_latency_ms", "crash_count", "cpu_ratio");

    enum Outliers { NONE, ONE_SYMBOL, ONE_DAY, ONE_SERIES }

    private static Database db;
    private static ReleaseConfig shipped;

    @BeforeContainer
    static void open() {
        db = TestDatabase.standalone(FactBuilderPropertyTest.class);
        shipped = ConfigLoader.load(Path.of("config/release.yaml"));
    }

    @AfterContainer
    static void close() {
        db.close();
    }

    @Property(tries = 60)
    void factsEqualThoseOfTheGroupingSetsQueries(@ForAll BaselineMode mode, @ForAll boolean fixedReference,
                                                 @ForAll @IntRange(min = 1, max = 3) int windowDays,
                                                 @ForAll @IntRange(min = 1, max = 3) int referenceDays,
                                                 @ForAll @IntRange(min = 1, max = 4) int stageSymbols,
                                                 @ForAll Outliers outliers, @ForAll long seed) {
        ObservationWindow window = new ObservationWindow(WINDOW_START, WINDOW_START.plusDays(windowDays - 1L), windowDays);
        BaselineConfig baseline = fixedReference
                ? new BaselineConfig(mode, referenceDays, WINDOW_START.minusDays(referenceDays + 1L), WINDOW_START.minusDays(2))
                : new BaselineConfig(mode, referenceDays, null, null);
        StageConfig stage = stage(UNIVERSE.subList(0, stageSymbols), windowDays, baseline);
        store(randomSamples(new Random(seed), window, referenceDays, outliers));

        FactBuilder builder = new FactBuilder(db.jdbi());
        InputFacts facts = builder.build(release(), stage, window);
        Statistics.label("P99 read from raw samples").collect(builder.rawPercentileReads() > 0);
        assertSameFacts(facts, new GroupingSetsOracle(db.jdbi()).build(release(), stage, window));
    }

    @Example
    void outliersInOneSeriesAreReadFromRawSamplesAndStayExact() {
        ObservationWindow window = new ObservationWindow(WINDOW_START, WINDOW_START, 1);
        StageConfig stage = stage(UNIVERSE, 1, new BaselineConfig(BaselineMode.REFERENCE_WINDOW, 1, null, null));
        List<Sample> samples = new ArrayList<>();
        List<Double> stageValues = new ArrayList<>();
        Random random = new Random(7);
        for (String symbol : UNIVERSE) {
            for (int minute = 0; minute < 200; minute++) {
                // SA's first 60 values are far above everything else: it keeps 6 of them, the stage's P99 of 800
                // values lies 9 deep from the top
                double value = symbol.equals("SA") && minute < 60 ? 1000 + minute : random.nextGaussian();
                samples.add(new Sample("zscore", symbol, "a", at(WINDOW_START, minute), value));
                if (stage.symbols().contains(symbol)) {
                    stageValues.add(value);
                }
            }
        }
        store(samples);
        FactBuilder builder = new FactBuilder(db.jdbi());

        InputFacts facts = builder.build(release(), stage, window);

        assertThat(builder.rawPercentileReads()).isPositive();
        double[] all = stageValues.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        MetricSummary aggregate = facts.summaries().stream()
                .filter(s -> s.group() == io.graygate.facts.Group.STAGE && s.metric().equals("zscore") && s.isAggregate())
                .findFirst().orElseThrow();
        assertThat(aggregate.p99()).isEqualTo(Percentile.cont(all, 0.99)).isGreaterThan(1000);
        assertSameFacts(facts, new GroupingSetsOracle(db.jdbi()).build(release(), stage, window));
    }

    // ------------------------------------------------------------------------------------------- datasets

    record Sample(String metric, String symbol, String source, Instant ts, double value) {
    }

    /**
     * Samples from two days before the reference window to one day after the observation window; each series
     * has its own shape (ties, continuous, constant), a day may have one sample or a few hundred, or none.
     */
    private static List<Sample> randomSamples(Random random, ObservationWindow window, int referenceDays,
                                              Outliers outliers) {
        List<String[]> series = new ArrayList<>();
        for (String metric : SYMBOL_METRICS) {
            for (String symbol : UNIVERSE) {
                if (random.nextDouble() < 0.85) {
                    series.add(new String[]{metric, symbol, "a"});
                }
                if (random.nextDouble() < 0.2) {
                    series.add(new String[]{metric, symbol, "b"});
                }
            }
        }
        for (String metric : SYSTEM_METRICS) {
            series.add(new String[]{metric, "", "a"});
        }
        series.add(new String[]{"cpu_ratio", UNIVERSE.get(random.nextInt(UNIVERSE.size())), "a"});
        series.add(new String[]{"zscore", "OUTSIDE", "a"});

        LocalDate first = window.start().minusDays(referenceDays + 2L);
        LocalDate last = window.end().plusDays(1);
        String outlierSymbol = UNIVERSE.get(random.nextInt(UNIVERSE.size()));
        LocalDate outlierDay = window.start().plusDays(random.nextInt(window.daysObserved()));
        String[] outlierSeries = series.get(random.nextInt(series.size()));
        List<Sample> samples = new ArrayList<>();
        for (String[] s : series) {
            int shape = random.nextInt(3);
            double center = random.nextInt(5) * random.nextDouble() * 10;
            double spread = 0.1 + random.nextDouble() * 3;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (random.nextDouble() < 0.2) {
                    continue;
                }
                int count = switch (random.nextInt(4)) {
                    case 0 -> 1;
                    case 1 -> 1 + random.nextInt(5);
                    default -> 20 + random.nextInt(280);
                };
                int stride = 1440 / count;
                int offset = random.nextBoolean() ? 0 : random.nextInt(stride);
                boolean outlying = switch (outliers) {
                    case NONE -> false;
                    case ONE_SYMBOL -> s[1].equals(outlierSymbol);
                    case ONE_DAY -> day.equals(outlierDay);
                    case ONE_SERIES -> s == outlierSeries;
                };
                for (int i = 0; i < count; i++) {
                    double value = switch (shape) {
                        case 0 -> random.nextInt(4);
                        case 1 -> center + spread * random.nextGaussian();
                        default -> center;
                    };
                    if (outlying && random.nextDouble() < 0.4) {
                        value = 1e4 + random.nextInt(1000);
                    }
                    samples.add(new Sample(s[0], s[1], s[2], at(day, offset + i * stride), value));
                }
            }
        }
        return samples;
    }

    private static Instant at(LocalDate day, int minute) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * minute);
    }

    private static void store(List<Sample> samples) {
        db.jdbi().useTransaction(h -> {
            h.execute("TRUNCATE sample");   // series rows stay: a series without samples adds no fact
            Map<String, Integer> seriesIds = new HashMap<>();
            List<Integer> ids = new ArrayList<>();
            List<Long> seconds = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Sample s : samples) {
                ids.add(seriesIds.computeIfAbsent(s.metric() + "/" + s.symbol() + "/" + s.source(), k -> seriesId(h, s)));
                seconds.add(s.ts().getEpochSecond());
                values.add(s.value());
            }
            SampleDays.create(h, samples.stream().map(s -> LocalDate.ofInstant(s.ts(), ZoneOffset.UTC)).distinct().toList());
            h.createUpdate("""
                            INSERT INTO sample (series_id, ts, value, ingest_id)
                            SELECT s, to_timestamp(t), v, 0
                            FROM unnest(CAST(:ids AS integer[]), CAST(:seconds AS bigint[]), CAST(:vals AS float8[])) AS u(s, t, v)""")
                    .bindArray("ids", Integer.class, ids).bindArray("seconds", Long.class, seconds)
                    .bindArray("vals", Double.class, values).execute();
            h.execute("ANALYZE sample");
        });
    }

    private static int seriesId(Handle h, Sample s) {
        return h.createQuery("""
                        WITH added AS (INSERT INTO series (metric, symbol, source) VALUES (:metric, :symbol, :source)
                                       ON CONFLICT DO NOTHING RETURNING id)
                        SELECT id FROM added UNION ALL
                        SELECT id FROM series WHERE metric = :metric AND symbol = :symbol AND source = :source""")
                .bind("metric", s.metric()).bind("symbol", s.symbol()).bind("source", s.source())
                .mapTo(Integer.class).first();
    }

    private static ReleaseConfig release() {
        return new ReleaseConfig(shipped.file(), "facts-property", UNIVERSE, shipped.stages(), shipped.catalogue(),
                shipped.minDayCoverage());
    }

    private static StageConfig stage(List<String> symbols, int observationDays, BaselineConfig baseline) {
        StageConfig base = shipped.stages().get(0);
        return new StageConfig(base.file(), base.name(), base.number(), base.trafficPercent(), symbols, observationDays,
                base.hysteresis(), base.activeMode(), base.throttleInQuiet(), baseline, REQUIRED, base.gate());
    }

    // ------------------------------------------------------------------------------------------- comparing

    private static void assertSameFacts(InputFacts actual, InputFacts expected) {
        assertThat(actual.stage()).isEqualTo(expected.stage());
        assertSameRecords("summaries", actual.summaries(), expected.summaries());
        assertSameRecords("daily", actual.daily(), expected.daily());
        assertSameRecords("comparisons", actual.comparisons(), expected.comparisons());
        assertSameRecords("shifts", actual.shifts(), expected.shifts());
        assertSameRecords("coverage", actual.coverage(), expected.coverage());
    }

    /** Same records in the same order; doubles within 1e-9 of the record's largest magnitude, P99 exactly. */
    private static void assertSameRecords(String what, List<? extends Record> actual, List<? extends Record> expected) {
        assertThat(actual).as(what + " count").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Record a = actual.get(i);
            Record e = expected.get(i);
            assertThat(a.getClass()).isEqualTo(e.getClass());
            double scale = Math.max(magnitude(a), magnitude(e));
            for (RecordComponent component : e.getClass().getRecordComponents()) {
                Object av = value(component, a);
                Object ev = value(component, e);
                String where = what + "[" + i + "]." + component.getName() + " of " + e + " vs " + a;
                if (av instanceof Double ad && !component.getName().equals("p99")) {
                    // rounding to nine decimals (relativeChange, deviation) may land one step apart
                    double slack = 1e-9 * scale + (component.getName().matches("relativeChange|deviation") ? 1.01e-9 : 0);
                    assertThat(Math.abs(ad - (Double) ev)).as(where).isLessThanOrEqualTo(slack);
                } else {
                    assertThat(av).as(where).isEqualTo(ev);
                }
            }
        }
    }

    private static double magnitude(Record r) {
        return Arrays.stream(r.getClass().getRecordComponents())
                .map(c -> value(c, r)).filter(Double.class::isInstance)
                .mapToDouble(v -> Math.abs((Double) v)).max().orElse(0);
    }

    private static Object value(RecordComponent component, Record r) {
        try {
            return component.getAccessor().invoke(r);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
