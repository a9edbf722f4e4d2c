package io.graygate.evaluation;

import io.graygate.decision.InputFacts;
import io.graygate.decision.ObservationWindow;

import io.graygate.platform.config.BaselineConfig;
import io.graygate.platform.config.BaselineMode;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.Group;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.Stage;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds the rules' facts from stored samples. PostgreSQL reads each group's samples in one pass, one row per
 * series and day ({@link SeriesDayReader}); Java merges those into the summaries and daily rows per metric and
 * symbol ({@link GroupFacts}), with the exact P99 of percentile_cont. The rule engine never sees a raw sample.
 */
public final class FactBuilder {
    private final Jdbi jdbi;
    private final LongAdder rawPercentiles = new LongAdder();

    public FactBuilder(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public InputFacts build(ReleaseConfig release, StageConfig config, ObservationWindow window) {
        List<String> control = release.universe().stream().filter(s -> !config.symbols().contains(s)).toList();
        Stage stage = new Stage(release.name(), config.name(), config.number(), config.trafficPercent(),
                config.symbols(), control, window.start(), window.end(), config.observationDays(),
                window.daysObserved(), config.throttleInQuiet());

        SeriesIndex series = jdbi.withHandle(handle -> SeriesIndex.load(handle, release.universe()));
        // The baseline is read on a second connection meanwhile: each read is bound by one core of PostgreSQL.
        // This thread holds no connection while it waits, so a pool of one connection only serialises them.
        CompletableFuture<List<MetricSummary>> baseline = CompletableFuture.supplyAsync(
                () -> baseline(config, window, series, control), FactBuilder::onItsOwnThread);
        GroupFacts stageFacts = group(series, series.ids(config.symbols(), true), window.from(), window.until());
        List<MetricSummary> summaries = new ArrayList<>(stageFacts.summaries(Group.STAGE, window.from(), window.until()));
        summaries.addAll(joined(baseline));
        List<DailyMetric> daily = stageFacts.daily(window.from(), window.until());
        DerivedFacts derived = DerivedFacts.of(release, config, window, summaries);
        return new InputFacts(stage, summaries, daily, derived.comparisons(), derived.shifts(), derived.coverage());
    }

    /** How many P99s so far had to be read from raw samples because the top lists could not decide them. */
    long rawPercentileReads() {
        return rawPercentiles.sum();
    }

    private static void onItsOwnThread(Runnable work) {
        Thread thread = new Thread(work, "graygate-baseline-facts");
        thread.setDaemon(true);
        thread.start();
    }

    /** The baseline's own exception (a JdbiException when the database failed), not a wrapper. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private GroupFacts group(SeriesIndex series, List<Integer> ids, Instant from, Instant until) {
        List<SeriesDayReader.SeriesDay> parts = jdbi.withHandle(handle -> SeriesDayReader.read(handle, ids, from, until));
        return new GroupFacts(series, parts, this::rawPercentile);
    }

    private double rawPercentile(List<Integer> ids, Instant from, Instant until) {
        rawPercentiles.increment();
        return jdbi.withHandle(handle -> SeriesDayReader.percentile(handle, GroupFacts.P99, ids, from, until));
    }

    /**
     * The baseline group: with a control group, symbol metrics come from the symbols outside the stage in
     * the same window, and metrics without a symbol (or a stage covering every symbol) from the reference
     * window before the stage; with a reference window, everything comes from there.
     */
    private List<MetricSummary> baseline(StageConfig config, ObservationWindow window, SeriesIndex series,
                                         List<String> control) {
        BaselineConfig baseline = config.baseline();
        Instant refFrom = baseline.hasFixedWindow() ? startOf(baseline.referenceFrom())
                : startOf(window.start().minusDays(baseline.referenceDays()));
        Instant refUntil = baseline.hasFixedWindow() ? startOf(baseline.referenceTo().plusDays(1)) : window.from();
        boolean useControl = baseline.mode() == BaselineMode.CONTROL_GROUP && !control.isEmpty();
        if (!useControl) {
            return group(series, series.ids(config.symbols(), true), refFrom, refUntil)
                    .summaries(Group.BASELINE, refFrom, refUntil);
        }
        List<MetricSummary> result = new ArrayList<>(group(series, series.ids(control, false), window.from(),
                window.until()).summaries(Group.BASELINE, window.from(), window.until()));
        Set<String> covered = new LinkedHashSet<>();
        result.forEach(s -> covered.add(s.metric()));
        List<MetricSummary> global = group(series, series.ids(List.of(), true), refFrom, refUntil)
                .summaries(Group.BASELINE, refFrom, refUntil);
        for (MetricSummary summary : global) {
            if (!covered.contains(summary.metric())) {
                result.add(summary);
            }
        }
        return result;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
