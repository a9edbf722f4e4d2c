package io.graygate.service;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.List;

/**
 * What Prometheus scrapes besides the service's own counters, read from the database at scrape time: the release's
 * stage, the stored decisions, desired against applied per agent, and the strategy's recent samples (the ones the
 * trading system or the reference simulator pushed), so that one scrape feeds the whole Grafana dashboard.
 */
final class ReleaseGauges {
    /** The strategy samples the gauges summarise: the last this long. */
    static final Duration STRATEGY_WINDOW = Duration.ofMinutes(15);
    /** The most (metric, symbol) series one scrape exposes. */
    static final int MAX_STRATEGY_SERIES = 5000;

    record StrategySeries(String metric, String symbol, double latest, double sum, double p99) {
    }

    record EvaluationCount(String stage, String decision, long count) {
    }

    record Snapshot(int stageNumber, String phase, List<EvaluationCount> evaluations, List<AgentStatus> agents,
                    List<StrategySeries> strategy) {
    }

    private final ReleaseConfig release;
    private final Jdbi jdbi;
    private final Fleet fleet;

    ReleaseGauges(ReleaseConfig release, Jdbi jdbi, Fleet fleet) {
        this.release = release;
        this.jdbi = jdbi;
        this.fleet = fleet;
    }

    Snapshot read() {
        var state = new io.graygate.release.Lifecycle(release, new io.graygate.release.ReleaseStore(jdbi), List.of()).state();
        List<EvaluationCount> evaluations = jdbi.withHandle(h -> h.createQuery(
                        "SELECT stage, decision, count(*) AS n FROM evaluation WHERE release = :release GROUP BY stage, decision "
                                + "ORDER BY stage, decision")
                .bind("release", release.name())
                .map((rs, ctx) -> new EvaluationCount(rs.getString("stage"), rs.getString("decision"), rs.getLong("n")))
                .list());
        List<StrategySeries> strategy = jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.metric, s.symbol, (array_agg(x.value ORDER BY x.ts DESC))[1] AS latest, sum(x.value) AS total,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY x.value) AS p99
                        FROM sample x JOIN series s ON s.id = x.series_id
                        WHERE x.ts > now() - make_interval(secs => :seconds)
                        GROUP BY s.metric, s.symbol ORDER BY s.metric, s.symbol LIMIT :limit""")
                .bind("seconds", (double) STRATEGY_WINDOW.toSeconds()).bind("limit", MAX_STRATEGY_SERIES)
                .map((rs, ctx) -> new StrategySeries(rs.getString("metric"), rs.getString("symbol"), rs.getDouble("latest"),
                        rs.getDouble("total"), rs.getDouble("p99")))
                .list());
        return new Snapshot(state.stageActive() ? state.stageNumber() : 0, state.phase().name(), evaluations,
                fleet.statuses(), strategy);
    }
}
