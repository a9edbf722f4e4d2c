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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle of {@link FactBuilderPropertyTest}: FactBuilder as it was before it merged series-days in Java,
 * with PostgreSQL doing all of the aggregation in GROUPING SETS queries over sample JOIN series (sums, means,
 * P99 with percentile_cont, per-day and per-symbol values). Kept verbatim apart from its name and the facts
 * derived from the summaries, which both take from {@link DerivedFacts}.
 */
final class GroupingSetsOracle {
    private static final String SUMMARY_SQL = """
            SELECT se.metric, CASE WHEN grouping(se.symbol) = 1 THEN '' ELSE se.symbol END AS symbol,
                   count(*) AS samples,
                   count(DISTINCT (x.ts AT TIME ZONE 'UTC')::date) AS days,
                   sum(x.value) AS total, avg(x.value) AS mean, min(x.value) AS low, max(x.value) AS high,
                   coalesce(stddev_pop(x.value), 0) AS stddev,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY x.value) AS p99
            FROM sample x JOIN series se ON se.id = x.series_id
            WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            GROUP BY GROUPING SETS ((se.metric, se.symbol), (se.metric))
            HAVING grouping(se.symbol) = 1 OR se.symbol <> ''
            """;
    private static final String DAILY_SQL = """
            SELECT se.metric, CASE WHEN grouping(se.symbol) = 1 THEN '' ELSE se.symbol END AS symbol,
                   (x.ts AT TIME ZONE 'UTC')::date AS day,
                   count(*) AS samples, sum(x.value) AS total, avg(x.value) AS mean, max(x.value) AS high,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY x.value) AS p99
            FROM sample x JOIN series se ON se.id = x.series_id
            WHERE x.series_id = ANY(:ids) AND x.ts >= :from AND x.ts < :until
            GROUP BY GROUPING SETS ((se.metric, se.symbol, day), (se.metric, day))
            HAVING grouping(se.symbol) = 1 OR se.symbol <> ''
            """;

    private final Jdbi jdbi;

    GroupingSetsOracle(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    InputFacts build(ReleaseConfig release, StageConfig config, ObservationWindow window) {
        List<String> control = release.universe().stream().filter(s -> !config.symbols().contains(s)).toList();
        Stage stage = new Stage(release.name(), config.name(), config.number(), config.trafficPercent(),
                config.symbols(), control, window.start(), window.end(), config.observationDays(),
                window.daysObserved(), config.throttleInQuiet());

        return jdbi.withHandle(handle -> {
            Map<Integer, SeriesRef> series = loadSeries(handle, release.universe());
            List<Integer> stageIds = ids(series, config.symbols(), true);
            List<MetricSummary> summaries = new ArrayList<>(summaries(handle, Group.STAGE, stageIds, window.from(),
                    window.until()));
            summaries.addAll(baseline(handle, config, window, series, control));
            List<DailyMetric> daily = daily(handle, stageIds, window);
            DerivedFacts derived = DerivedFacts.of(release, config, window, summaries);
            return new InputFacts(stage, summaries, daily, derived.comparisons(), derived.shifts(), derived.coverage());
        });
    }

    private record SeriesRef(String metric, String symbol) {
    }

    private static Map<Integer, SeriesRef> loadSeries(Handle handle, List<String> universe) {
        Map<Integer, SeriesRef> series = new HashMap<>();
        handle.createQuery("SELECT id, metric, symbol FROM series WHERE symbol = '' OR symbol = ANY(:symbols)")
                .bindArray("symbols", String.class, universe)
                .map((rs, ctx) -> series.put(rs.getInt(1), new SeriesRef(rs.getString(2), rs.getString(3))))
                .list();
        return series;
    }

    private static List<Integer> ids(Map<Integer, SeriesRef> series, List<String> symbols, boolean withGlobal) {
        Set<String> wanted = new LinkedHashSet<>(symbols);
        return series.entrySet().stream()
                .filter(e -> wanted.contains(e.getValue().symbol()) || (withGlobal && e.getValue().symbol().isEmpty()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The baseline group: with a control group, symbol metrics come from the symbols outside the stage in
     * the same window, and metrics without a symbol (or a stage covering every symbol) from the reference
     * window before the stage; with a reference window, everything comes from there.
     */
    private List<MetricSummary> baseline(Handle handle, StageConfig config, ObservationWindow window,
                                         Map<Integer, SeriesRef> series, List<String> control) {
        BaselineConfig baseline = config.baseline();
        Instant refFrom = baseline.hasFixedWindow() ? startOf(baseline.referenceFrom())
                : startOf(window.start().minusDays(baseline.referenceDays()));
        Instant refUntil = baseline.hasFixedWindow() ? startOf(baseline.referenceTo().plusDays(1)) : window.from();
        boolean useControl = baseline.mode() == BaselineMode.CONTROL_GROUP && !control.isEmpty();
        if (!useControl) {
            return summaries(handle, Group.BASELINE, ids(series, config.symbols(), true), refFrom, refUntil);
        }
        List<MetricSummary> result = new ArrayList<>(
                summaries(handle, Group.BASELINE, ids(series, control, false), window.from(), window.until()));
        List<Integer> globalIds = ids(series, List.of(), true);
        Set<String> covered = new LinkedHashSet<>();
        result.forEach(s -> covered.add(s.metric()));
        for (MetricSummary global : summaries(handle, Group.BASELINE, globalIds, refFrom, refUntil)) {
            if (!covered.contains(global.metric())) {
                result.add(global);
            }
        }
        return result;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Per symbol and for the whole group; series without a symbol only count in the group's row. */
    private static List<MetricSummary> summaries(Handle handle, Group group, List<Integer> ids, Instant from,
                                                 Instant until) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(SUMMARY_SQL)
                .bindArray("ids", Integer.class, ids)
                .bind("from", Timestamp.from(from)).bind("until", Timestamp.from(until))
                .map((rs, ctx) -> summary(rs, group))
                .list();
    }

    private static MetricSummary summary(ResultSet rs, Group group) throws SQLException {
        return new MetricSummary(rs.getString("metric"), group, rs.getString("symbol"), rs.getLong("samples"),
                rs.getInt("days"), rs.getDouble("total"), rs.getDouble("mean"), rs.getDouble("low"),
                rs.getDouble("high"), rs.getDouble("stddev"), rs.getDouble("p99"));
    }

    private static List<DailyMetric> daily(Handle handle, List<Integer> ids, ObservationWindow window) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(DAILY_SQL)
                .bindArray("ids", Integer.class, ids)
                .bind("from", Timestamp.from(window.from())).bind("until", Timestamp.from(window.until()))
                .map((rs, ctx) -> new DailyMetric(rs.getString("metric"), rs.getString("symbol"),
                        rs.getObject("day", LocalDate.class), rs.getLong("samples"), rs.getDouble("total"),
                        rs.getDouble("mean"), rs.getDouble("high"), rs.getDouble("p99")))
                .list();
    }
}
