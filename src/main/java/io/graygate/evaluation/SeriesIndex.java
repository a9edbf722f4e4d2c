package io.graygate.evaluation;

import org.jdbi.v3.core.Handle;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series of a release's universe (and the system series, symbol ""), with each metric's and symbol's rank
 * in the database's sort order, so that facts merged in Java come in the order PostgreSQL sorted them.
 */
final class SeriesIndex {
    record Series(int id, String metric, String symbol, int metricRank, int symbolRank) {
        boolean perSymbol() {
            return !symbol.isEmpty();
        }
    }

    private final Map<Integer, Series> byId;

    private SeriesIndex(Map<Integer, Series> byId) {
        this.byId = byId;
    }

    static SeriesIndex load(Handle handle, List<String> universe) {
        Map<Integer, Series> series = new HashMap<>();
        handle.createQuery("""
                        SELECT id, metric, symbol, dense_rank() OVER (ORDER BY metric) AS metric_rank,
                               dense_rank() OVER (ORDER BY symbol) AS symbol_rank
                        FROM series WHERE symbol = '' OR symbol = ANY(:symbols)""")
                .bindArray("symbols", String.class, universe)
                .map((rs, ctx) -> series.put(rs.getInt("id"), new Series(rs.getInt("id"), rs.getString("metric"),
                        rs.getString("symbol"), rs.getInt("metric_rank"), rs.getInt("symbol_rank"))))
                .list();
        return new SeriesIndex(series);
    }

    Series get(int id) {
        Series series = byId.get(id);
        if (series == null) {
            throw new IllegalStateException("series " + id + " was read but is not in the release's universe");
        }
        return series;
    }

    /** Ids of the series of these symbols, plus the system series when asked, ascending. */
    List<Integer> ids(List<String> symbols, boolean withSystem) {
        Set<String> wanted = new LinkedHashSet<>(symbols);
        return byId.values().stream()
                .filter(s -> wanted.contains(s.symbol()) || (withSystem && !s.perSymbol()))
                .map(Series::id).sorted(Comparator.naturalOrder()).toList();
    }
}
