package io.graygate.tools.bench;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.evaluation.StepTimer;
import io.graygate.rules.RuleSet;
import io.graygate.platform.SampleDays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The daily evaluation end to end at several universe sizes: one-minute samples of every per-symbol metric
 * for each symbol (and of the system metrics) are generated in PostgreSQL first, untimed; then one stage
 * holding half the symbols (the other half is its control group) is evaluated and stored by the production
 * {@link EvaluateStage}, whose step timer splits the time.
 */
public final class EvaluateBenchmark {
    static final String SOURCE = "bench-evaluate";
    static final LocalDate START = LocalDate.of(2026, 2, 1);
    private static final int BATCH = 100;
    private static final List<String> SYSTEM_METRICS = List.of("uptime_ratio", "crash_count", "severe_error_count",
            "critical_alert_count", "unexplained_anomaly_count", "fund_risk_event_count", "param_update_latency_ms",
            "param_update_timeout_count", "data_loss_ratio", "cpu_ratio", "quiet_cpu_ratio", "memory_bytes");
    // Constant expressions per metric (no input reaches them): smooth activity so hysteresis sees runs of
    // tens of windows, rare observed switches, clean system metrics so that the rules have work but no alarm.
    private static final String VALUE = """
            CASE se.metric
              WHEN 'activity' THEN 0.5 + 0.45 * sin(extract(epoch FROM t) / 5400 * 2 * pi() + se.id) + 0.05 * random()
              WHEN 'mode_switch_count' THEN (random() < 0.01)::int
              WHEN 'zscore' THEN 4 * random() - 2
              WHEN 'ofi_signal_quality' THEN 0.6 + 0.3 * random()
              WHEN 'cvd_signal_quality' THEN 0.6 + 0.3 * random()
              WHEN 'uptime_ratio' THEN 1
              WHEN 'param_update_latency_ms' THEN 20 + 30 * random()
              WHEN 'data_loss_ratio' THEN 0.0001 * random()
              WHEN 'cpu_ratio' THEN 0.3 + 0.1 * random()
              WHEN 'quiet_cpu_ratio' THEN 0.2 + 0.05 * random()
              WHEN 'memory_bytes' THEN 1e9 + 1e8 * random()
              WHEN 'strategy_return' THEN 0.002 * (random() - 0.5)
              WHEN 'active_strategy_return' THEN 0.002 * (random() - 0.5)
              ELSE 0 END""";

    private final Jdbi jdbi;
    private final int days;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    public EvaluateBenchmark(Jdbi jdbi, int days) {
        this.jdbi = jdbi;
        this.days = days;
    }

    /** One size: wall time of {@code evaluateAndStore} and its split, and what was read and stored. */
    public record Run(int days, int symbols, int stageSymbols, long samplesInWindow, long totalNanos,
                      Map<StepTimer.Step, Long> stepNanos, Evaluation evaluation) {
        public double seconds() {
            return totalNanos / 1e9;
        }

        public double share(StepTimer.Step step) {
            return stepNanos.getOrDefault(step, 0L) / (double) totalNanos;
        }
    }

    /** Symbol names depend on the day count so that runs with different --days never share series. */
    public List<String> symbols(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(String.format("EV%dD%05d", days, i));
        }
        return names;
    }

    /** Generates the samples of the symbols not stored yet (and the system metrics); returns symbols written. */
    public int ensureStored(int symbolCount) {
        jdbi.useTransaction(h -> generate(h, "", SYSTEM_METRICS, List.of("")));
        List<String> wanted = symbols(symbolCount);
        List<String> present = jdbi.withHandle(h -> h.createQuery(
                        "SELECT symbol FROM series WHERE source = :source AND metric = 'activity' AND symbol = ANY(:symbols)")
                .bind("source", SOURCE).bindArray("symbols", String.class, wanted).mapTo(String.class).list());
        List<String> missing = wanted.stream().filter(s -> !present.contains(s)).toList();
        for (int i = 0; i < missing.size(); i += BATCH) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + BATCH));
            jdbi.useTransaction(h -> generate(h, "symbols " + batch.get(0) + ".." + batch.get(batch.size() - 1),
                    IngestBenchmark.METRICS, batch));
        }
        if (!missing.isEmpty()) {
            jdbi.useHandle(h -> h.execute("ANALYZE sample"));
        }
        return missing.size();
    }

    private void generate(Handle h, String what, List<String> metrics, List<String> symbols) {
        long runId = h.createUpdate("INSERT INTO ingest_run (origin, format) VALUES (:origin, 'generated')")
                .bind("origin", "bench evaluate: " + (what.isEmpty() ? "system metrics" : what))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.createUpdate("""
                        INSERT INTO series (metric, symbol, source)
                        SELECT m, s, :source FROM unnest(:metrics) m, unnest(:symbols) s ON CONFLICT DO NOTHING""")
                .bind("source", SOURCE).bindArray("metrics", String.class, metrics)
                .bindArray("symbols", String.class, symbols).execute();
        SampleDays.create(h, SampleDays.covering(startOf(START), startOf(START.plusDays(days))));
        int rows = h.createUpdate("INSERT INTO sample (series_id, ts, value, ingest_id) SELECT se.id, t, " + VALUE + """
                        , :run
                        FROM series se, generate_series(CAST(:from AS timestamptz), CAST(:until AS timestamptz) - interval '1 minute', interval '1 minute') t
                        WHERE se.source = :source AND se.metric = ANY(:metrics) AND se.symbol = ANY(:symbols)
                        ON CONFLICT DO NOTHING""")
                .bind("run", runId).bind("source", SOURCE).bindArray("metrics", String.class, metrics)
                .bindArray("symbols", String.class, symbols)
                .bind("from", Timestamp.from(startOf(START))).bind("until", Timestamp.from(startOf(START.plusDays(days))))
                .execute();
        h.createUpdate("UPDATE ingest_run SET finished_at = now(), lines = :rows, accepted = :rows WHERE id = :id")
                .bind("rows", rows).bind("id", runId).execute();
    }

    /** Evaluates and stores the stage over the first {@code symbolCount} symbols, timed step by step. */
    public Run run(ReleaseConfig base, StageConfig stageBase, RuleSet rules, int symbolCount) {
        List<String> universe = symbols(symbolCount);
        List<String> inStage = universe.subList(0, Math.max(1, symbolCount / 2));
        StageConfig stage = new StageConfig(stageBase.file(), stageBase.name(), stageBase.number(),
                stageBase.trafficPercent(), inStage, stageBase.observationDays(), stageBase.hysteresis(),
                stageBase.activeMode(), stageBase.throttleInQuiet(), stageBase.baseline(), stageBase.requiredMetrics(),
                stageBase.gate());
        // a release of its own per run: problems opened by an earlier run's ROLLBACK would be facts of this one
        ReleaseConfig release = new ReleaseConfig(base.file(), "bench-evaluate-" + symbolCount + "-" + runTag, universe,
                base.stages(), base.catalogue(), base.minDayCoverage());
        Map<StepTimer.Step, Long> steps = new EnumMap<>(StepTimer.Step.class);
        EvaluateStage evaluator = new EvaluateStage(jdbi, (step, nanos) -> steps.merge(step, nanos, Long::sum));
        LocalDate asOf = START.plusDays(days - 1L);
        long started = System.nanoTime();
        Evaluation stored = evaluator.evaluateAndStore(release, stage, rules, asOf, START, "bench:evaluate");
        long total = System.nanoTime() - started;
        return new Run(days, symbolCount, inStage.size(), samplesInWindow(universe), total, steps, stored);
    }

    private long samplesInWindow(List<String> universe) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM sample x JOIN series se ON se.id = x.series_id
                        WHERE se.source = :source AND (se.symbol = '' OR se.symbol = ANY(:symbols))
                          AND x.ts >= :from AND x.ts < :until""")
                .bind("source", SOURCE).bindArray("symbols", String.class, universe)
                .bind("from", Timestamp.from(startOf(START))).bind("until", Timestamp.from(startOf(START.plusDays(days))))
                .mapTo(Long.class).one());
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
