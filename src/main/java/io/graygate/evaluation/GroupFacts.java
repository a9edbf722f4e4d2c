package io.graygate.evaluation;

import io.graygate.facts.DailyMetric;
import io.graygate.facts.Group;
import io.graygate.facts.MetricSummary;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One group's series-days merged into its facts: a {@link MetricSummary} per metric and symbol and one per
 * metric for the whole group (symbol ""), and a {@link DailyMetric} per metric, symbol and day and per metric
 * and day. Series without a symbol only count in the group's rows. Rows come ordered as PostgreSQL's sorted
 * GROUPING SETS gave them: by metric (and day), symbols first, the group's row last.
 */
final class GroupFacts {
    static final double P99 = 0.99;

    /** percentile_cont over the raw samples of these series in [from, until). */
    interface RawPercentile {
        double of(List<Integer> seriesIds, Instant from, Instant until);
    }

    private record Key(String metric, String symbol, LocalDate day) {
    }

    /** One row being merged, and what it needs to be ordered and, if need be, recomputed from raw samples. */
    private static final class Row {
        final Key key;
        final int metricRank;
        final int symbolRank;
        final Aggregate values = new Aggregate();
        final TreeSet<LocalDate> days = new TreeSet<>();
        final TreeSet<Integer> series = new TreeSet<>();

        Row(Key key, int metricRank, int symbolRank) {
            this.key = key;
            this.metricRank = metricRank;
            this.symbolRank = symbolRank;
        }

        boolean isAggregate() {
            return key.symbol().isEmpty();
        }

        void add(SeriesDayReader.SeriesDay seriesDay) {
            values.add(seriesDay.part());
            days.add(seriesDay.day());
            series.add(seriesDay.seriesId());
        }
    }

    private static final Comparator<Row> SUMMARY_ORDER = Comparator.<Row>comparingInt(r -> r.metricRank)
            .thenComparing(Row::isAggregate).thenComparingInt(r -> r.symbolRank);
    private static final Comparator<Row> DAILY_ORDER = Comparator.<Row>comparingInt(r -> r.metricRank)
            .thenComparing(r -> r.key.day()).thenComparing(Row::isAggregate).thenComparingInt(r -> r.symbolRank);

    private final SeriesIndex index;
    private final List<SeriesDayReader.SeriesDay> seriesDays;
    private final RawPercentile raw;

    GroupFacts(SeriesIndex index, List<SeriesDayReader.SeriesDay> seriesDays, RawPercentile raw) {
        this.index = index;
        this.seriesDays = seriesDays;
        this.raw = raw;
    }

    List<MetricSummary> summaries(Group group, Instant from, Instant until) {
        List<MetricSummary> result = new ArrayList<>();
        for (Row row : merge(false, SUMMARY_ORDER)) {
            Aggregate v = row.values;
            result.add(new MetricSummary(row.key.metric(), group, row.key.symbol(), v.count(), row.days.size(),
                    v.sum(), v.mean(), v.min(), v.max(), v.stddevPop(), p99(row, from, until)));
        }
        return result;
    }

    /** Rows per day of a group read over [from, until). */
    List<DailyMetric> daily(Instant from, Instant until) {
        List<DailyMetric> result = new ArrayList<>();
        for (Row row : merge(true, DAILY_ORDER)) {
            Aggregate v = row.values;
            LocalDate day = row.key.day();
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            result.add(new DailyMetric(row.key.metric(), row.key.symbol(), day, v.count(), v.sum(), v.mean(), v.max(),
                    p99(row, dayStart.isAfter(from) ? dayStart : from, dayEnd.isBefore(until) ? dayEnd : until)));
        }
        return result;
    }

    private List<Row> merge(boolean perDay, Comparator<Row> order) {
        Map<Key, Row> rows = new HashMap<>();
        for (SeriesDayReader.SeriesDay seriesDay : seriesDays) {
            SeriesIndex.Series series = index.get(seriesDay.seriesId());
            LocalDate day = perDay ? seriesDay.day() : null;
            rows.computeIfAbsent(new Key(series.metric(), "", day), k -> new Row(k, series.metricRank(), 0))
                    .add(seriesDay);
            if (series.perSymbol()) {
                rows.computeIfAbsent(new Key(series.metric(), series.symbol(), day),
                        k -> new Row(k, series.metricRank(), series.symbolRank())).add(seriesDay);
            }
        }
        return rows.values().stream().sorted(order).toList();
    }

    /** Only a row whose parts' top lists cannot decide its P99 reads raw samples, those of its series and window. */
    private double p99(Row row, Instant from, Instant until) {
        var fromTops = row.values.percentile(P99);
        return fromTops.isPresent() ? fromTops.getAsDouble() : raw.of(List.copyOf(row.series), from, until);
    }
}
