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
    /** What pg_export_snapshot returns; checked before it is formatted into SET TRANSACTION SNAPSHOT. */
    private static final java.util.regex.Pattern SNAPSHOT_ID = java.util.regex.Pattern.compile("[0-9A-Fa-f-]{1,64}");

    private final Jdbi jdbi;
    private final LongAdder rawPercentiles = new LongAdder();
    private final ReadSeam seam;

    /**
     * Called between the reads of one build, on the reading thread: a test's seam to commit other work in
     * the middle of a build (the reads must not see it). Production builds use {@link #NO_SEAM}.
     */
    @FunctionalInterface
    public interface ReadSeam {
        void between(String read);
    }

    public static final ReadSeam NO_SEAM = read -> { };

    public FactBuilder(Jdbi jdbi) {
        this(jdbi, NO_SEAM);
    }

    public FactBuilder(Jdbi jdbi, ReadSeam seam) {
        this.jdbi = jdbi;
        this.seam = seam;
    }

    public InputFacts build(ReleaseConfig release, StageConfig config, ObservationWindow window) {
        List<String> control = release.universe().stream().filter(s -> !config.symbols().contains(s)).toList();
        Stage stage = new Stage(release.name(), config.name(), config.number(), config.trafficPercent(),
                config.symbols(), control, window.start(), window.end(), config.observationDays(),
                window.daysObserved(), config.throttleInQuiet());

        // Every read of the build sees one snapshot: a REPEATABLE READ, read-only transaction whose snapshot is
        // exported to the baseline's connection. An ingest committing in the middle changes none of the facts
        // (without it, two day reads could straddle the commit: facts that never existed together).
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String snapshot = handle.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
            SeriesIndex series = SeriesIndex.load(handle, release.universe());
            seam.between("series");
            // The baseline is read on a second connection meanwhile: each read is bound by one core of PostgreSQL.
            CompletableFuture<List<MetricSummary>> baseline = CompletableFuture.supplyAsync(
                    () -> inSnapshot(snapshot, h -> baseline(h, config, window, series, control)), FactBuilder::onItsOwnThread);
            GroupFacts stageFacts = group(handle, series, series.ids(config.symbols(), true), window.from(), window.until());
            List<MetricSummary> summaries = new ArrayList<>(stageFacts.summaries(Group.STAGE, window.from(), window.until()));
            summaries.addAll(joined(baseline));
            List<DailyMetric> daily = stageFacts.daily(window.from(), window.until());
            DerivedFacts derived = DerivedFacts.of(release, config, window, summaries);
            return new InputFacts(stage, summaries, daily, derived.comparisons(), derived.shifts(), derived.coverage());
        });
    }

    /** Runs {@code reads} on a connection of its own that sees the exported snapshot of the build. */
    private <T> T inSnapshot(String snapshot, java.util.function.Function<org.jdbi.v3.core.Handle, T> reads) {
        if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
            throw new IllegalStateException("unexpected snapshot id from PostgreSQL: " + snapshot);
        }
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            h.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            return reads.apply(h);
        });
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

    private GroupFacts group(org.jdbi.v3.core.Handle handle, SeriesIndex series, List<Integer> ids, Instant from, Instant until) {
        List<SeriesDayReader.SeriesDay> parts = SeriesDayReader.read(handle, ids, from, until);
        seam.between("days");
        return new GroupFacts(series, parts, (raw, rawFrom, rawUntil) -> rawPercentile(handle, raw, rawFrom, rawUntil));
    }

    private double rawPercentile(org.jdbi.v3.core.Handle handle, List<Integer> ids, Instant from, Instant until) {
        rawPercentiles.increment();
        return SeriesDayReader.percentile(handle, GroupFacts.P99, ids, from, until);
    }

    /**
     * The baseline group: with a control group, symbol metrics come from the symbols outside the stage in
     * the same window, and metrics without a symbol (or a stage covering every symbol) from the reference
     * window before the stage; with a reference window, everything comes from there.
     */
    private List<MetricSummary> baseline(org.jdbi.v3.core.Handle handle, StageConfig config, ObservationWindow window, SeriesIndex series,
                                         List<String> control) {
        BaselineConfig baseline = config.baseline();
        Instant refFrom = baseline.hasFixedWindow() ? startOf(baseline.referenceFrom())
                : startOf(window.start().minusDays(baseline.referenceDays()));
        Instant refUntil = baseline.hasFixedWindow() ? startOf(baseline.referenceTo().plusDays(1)) : window.from();
        boolean useControl = baseline.mode() == BaselineMode.CONTROL_GROUP && !control.isEmpty();
        if (!useControl) {
            return group(handle, series, series.ids(config.symbols(), true), refFrom, refUntil)
                    .summaries(Group.BASELINE, refFrom, refUntil);
        }
        List<MetricSummary> result = new ArrayList<>(group(handle, series, series.ids(control, false), window.from(),
                window.until()).summaries(Group.BASELINE, window.from(), window.until()));
        Set<String> covered = new LinkedHashSet<>();
        result.forEach(s -> covered.add(s.metric()));
        List<MetricSummary> global = group(handle, series, series.ids(List.of(), true), refFrom, refUntil)
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
