package io.graygate.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.graygate.release.statements.AttestationStore;
import io.graygate.audit.CanonicalContent;
import io.graygate.facts.Attestation;
import io.graygate.facts.DailyMetric;
import io.graygate.release.problems.Problem;
import io.graygate.release.problems.ProblemStore;
import io.graygate.release.ReleaseStore;
import io.graygate.platform.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link StageReport} from the stored rows of one evaluation. */
public final class StageReportLoader {
    private final Jdbi jdbi;

    public StageReportLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored vote with the file of the rule that cast it. */
    record StoredVote(int seq, String rule, String file, String kind, String verdict, String severity, String code,
                      String message, String metric, Double value, String threshold, Double baseline, boolean met) {
        VoteLine line() {
            return new VoteLine(kind, verdict, severity, code, message, rule);
        }

        ConditionRow condition() {
            return new ConditionRow(code, metric, value, baseline, threshold, met, rule, file);
        }
    }

    private record Row(long id, String release, String stage, int number, LocalDate asOf, LocalDate start, LocalDate end,
                       int observationDays, int daysObserved, String sha, String engine, String decision, Instant at) {
    }

    public StageReport load(long evaluationId, int stageCount) {
        return jdbi.inTransaction(h -> build(h, evaluationId, stageCount));
    }

    private StageReport build(Handle h, long id, int stageCount) {
        Row e = h.createQuery("SELECT * FROM evaluation WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne()
                .orElseThrow(() -> new IllegalArgumentException("no evaluation #" + id));
        List<StoredVote> votes = votes(h, id);
        List<StageReport.FactRow> facts = facts(h, id);
        List<DailyMetric> daily = daily(facts);
        ReportHeader header = new ReportHeader(e.id, e.release, e.stage, e.number, stageCount, e.start, e.end, e.asOf,
                e.observationDays, e.daysObserved, e.sha, e.engine, auditStatus(h, id), e.at,
                ChainStatus.verify(h, CanonicalContent.EVALUATION, Long.toString(id)));
        Previous previous = previous(h, e);
        MeetingDecision meeting = new ReleaseStore(jdbi).decisionOn(id).map(d -> MeetingDecision.of(d, e.asOf)).orElse(null);
        return new StageReport(header, e.decision, meeting, reasons(e.decision, votes), conditions(votes),
                ofKind(votes, "ALERT").stream().map(StoredVote::line).toList(),
                ofKind(votes, "ROLLBACK").stream().map(StoredVote::line).toList(),
                modeSwitches(daily), trends(daily), problems(e), statements(e),
                previous == null ? null : previous.id, previous == null ? null : previous.decision,
                previous == null ? List.of() : changes(previous.conditions, conditions(votes)),
                facts, rules(h, e.sha));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("release"), rs.getString("stage"), rs.getInt("stage_number"),
                rs.getObject("as_of", LocalDate.class), rs.getObject("window_start", LocalDate.class),
                rs.getObject("window_end", LocalDate.class), rs.getInt("observation_days"), rs.getInt("days_observed"),
                rs.getString("ruleset_sha256"), rs.getString("engine_version"), rs.getString("decision"),
                rs.getTimestamp("created_at").toInstant());
    }

    static List<StoredVote> votes(Handle h, long id) {
        return h.createQuery("""
                        SELECT v.*, coalesce(f.rule_file, '') AS rule_file
                        FROM evaluation_vote v
                        LEFT JOIN rule_firing f ON f.evaluation_id = v.evaluation_id AND f.seq = v.firing_seq
                        WHERE v.evaluation_id = :id ORDER BY v.seq""")
                .bind("id", id)
                .map((rs, ctx) -> new StoredVote(rs.getInt("seq"), rs.getString("rule_name"), rs.getString("rule_file"),
                        rs.getString("kind"), rs.getString("verdict"), rs.getString("severity"), rs.getString("code"),
                        rs.getString("message"), rs.getString("metric"), (Double) rs.getObject("value"),
                        rs.getString("threshold"), (Double) rs.getObject("baseline"), rs.getBoolean("met")))
                .list();
    }

    private static List<StoredVote> ofKind(List<StoredVote> votes, String kind) {
        return votes.stream().filter(v -> v.kind.equals(kind)).toList();
    }

    private static List<ConditionRow> conditions(List<StoredVote> votes) {
        return ofKind(votes, "GATE").stream().map(StoredVote::condition).toList();
    }

    /** The votes that cast the decision, leaving out informational alerts (as the evaluation itself does). */
    private static List<VoteLine> reasons(String decision, List<StoredVote> votes) {
        return votes.stream()
                .filter(v -> v.verdict.equals(decision))
                .filter(v -> !v.kind.equals("ALERT") || v.severity.equals("CRITICAL"))
                .map(StoredVote::line).toList();
    }

    private static List<StageReport.FactRow> facts(Handle h, long id) {
        return h.createQuery("""
                        SELECT fact_id, type, coalesce(content->>'metric', '') AS metric,
                               coalesce(content->>'symbol', '') AS symbol, content::text AS json
                        FROM evaluation_fact_typed WHERE evaluation_id = :id AND derived_by IS NULL ORDER BY fact_id""")
                .bind("id", id)
                .map((rs, ctx) -> new StageReport.FactRow(rs.getInt("fact_id"), rs.getString("type"),
                        rs.getString("metric"), rs.getString("symbol"), rs.getString("json")))
                .list();
    }

    private static List<DailyMetric> daily(List<StageReport.FactRow> facts) {
        return facts.stream().filter(f -> f.type().equals("DailyMetric")).map(f -> read(f.json())).toList();
    }

    private static DailyMetric read(String json) {
        try {
            return Json.MAPPER.readValue(json, DailyMetric.class);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException("stored DailyMetric fact is not readable: " + json, ex);
        }
    }

    private static List<ModeSwitchDay> modeSwitches(List<DailyMetric> daily) {
        return daily.stream()
                .filter(d -> d.metric().equals("mode_switch_count") && !d.symbol().isEmpty())
                .map(d -> new ModeSwitchDay(d.symbol(), d.day(), d.sum()))
                .sorted(Comparator.comparing(ModeSwitchDay::symbol).thenComparing(ModeSwitchDay::day))
                .toList();
    }

    /** One chart per metric the stage as a whole has daily facts for, in metric order. */
    static List<Trend> trends(List<DailyMetric> daily) {
        Map<String, List<DailyMetric>> byMetric = new LinkedHashMap<>();
        daily.stream().filter(d -> d.symbol().isEmpty())
                .sorted(Comparator.comparing(DailyMetric::metric).thenComparing(DailyMetric::day))
                .forEach(d -> byMetric.computeIfAbsent(d.metric(), k -> new ArrayList<>()).add(d));
        List<Trend> trends = new ArrayList<>();
        byMetric.forEach((metric, days) -> {
            MetricLimits limits = MetricLimits.of(metric)
                    .orElse(MetricLimits.none(metric.endsWith("_count")));
            trends.add(new Trend(metric, limits, days.stream()
                    .map(d -> new Trend.Point(d.day(), statistic(d, limits.statistic()))).toList()));
        });
        return trends;
    }

    private static double statistic(DailyMetric d, String statistic) {
        return switch (statistic) {
            case "sum" -> d.sum();
            case "p99" -> d.p99();
            default -> d.mean();
        };
    }

    private record Previous(long id, String decision, List<ConditionRow> conditions) {
    }

    private static Previous previous(Handle h, Row e) {
        return h.createQuery("""
                        SELECT id, decision FROM evaluation
                        WHERE release = :release AND stage = :stage AND id < :id ORDER BY id DESC LIMIT 1""")
                .bind("release", e.release).bind("stage", e.stage).bind("id", e.id)
                .map((rs, ctx) -> new Previous(rs.getLong("id"), rs.getString("decision"), List.of()))
                .findOne()
                .map(p -> new Previous(p.id, p.decision, conditions(votes(h, p.id))))
                .orElse(null);
    }

    /** Conditions judged differently (met, value) now than in the previous evaluation, by condition name. */
    static List<ConditionChange> changes(List<ConditionRow> before, List<ConditionRow> after) {
        Map<String, ConditionRow> old = new LinkedHashMap<>();
        before.forEach(c -> old.putIfAbsent(c.condition(), c));
        Map<String, ConditionRow> now = new LinkedHashMap<>();
        after.forEach(c -> now.putIfAbsent(c.condition(), c));
        List<ConditionChange> changes = new ArrayList<>();
        now.forEach((name, c) -> {
            String was = ReportText.outcome(old.get(name));
            String is = ReportText.outcome(c);
            if (!was.equals(is)) {
                changes.add(new ConditionChange(name, was, is));
            }
        });
        old.keySet().stream().filter(k -> !now.containsKey(k))
                .forEach(k -> changes.add(new ConditionChange(k, ReportText.outcome(old.get(k)), ReportText.outcome(null))));
        return changes;
    }

    private List<Problem> problems(Row e) {
        return new ProblemStore(jdbi).list(e.release, false).stream()
                .filter(p -> p.stage().equals(e.stage) && !p.firstSeen().isAfter(e.asOf)
                        && !p.firstSeen().isBefore(e.start))
                .toList();
    }

    private List<Attestation> statements(Row e) {
        return new AttestationStore(jdbi).history(e.release).stream()
                .filter(a -> a.stage().equals(e.stage) && !a.at().isAfter(e.at))
                .toList();
    }

    private static String auditStatus(Handle h, long id) {
        Map<String, Object> counts = h.createQuery("""
                        SELECT (SELECT count(*) FROM evaluation_fact WHERE evaluation_id = :id) AS facts,
                               (SELECT count(*) FROM rule_firing WHERE evaluation_id = :id) AS firings,
                               (SELECT count(*) FROM evaluation_vote WHERE evaluation_id = :id) AS votes,
                               (SELECT count(*) FROM pg_trigger WHERE tgname = 'evaluation_append_only_row') AS guarded""")
                .bind("id", id).mapToMap().one();
        boolean guarded = ((Number) counts.get("guarded")).longValue() > 0;
        return (guarded ? "append-only (UPDATE/DELETE refused)" : "NOT append-only: the guard trigger is missing")
                + "; stored " + counts.get("facts") + " facts, " + counts.get("firings") + " firings, "
                + counts.get("votes") + " votes";
    }

    private static List<StageReport.RuleText> rules(Handle h, String sha) {
        return h.createQuery("SELECT path, sha256, content FROM ruleset_file WHERE ruleset_sha256 = :sha ORDER BY path")
                .bind("sha", sha)
                .map((rs, ctx) -> new StageReport.RuleText(rs.getString("path"), rs.getString("sha256"), rs.getString("content")))
                .list();
    }
}
