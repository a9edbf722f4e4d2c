package io.graygate.audit;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.ConfigLoader;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;
import io.graygate.decision.CastVote;
import io.graygate.decision.Evaluation;
import io.graygate.evaluation.EvaluateStage;
import io.graygate.decision.FactRecord;
import io.graygate.decision.Firing;
import io.graygate.facts.Verdict;
import io.graygate.facts.VoteKind;
import io.graygate.intake.IngestReport;
import io.graygate.intake.Ingester;
import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import io.graygate.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * End to end: CSV ingested into PostgreSQL, facts aggregated by SQL, the shipped rules, and the audit rows
 * written for each evaluation. The data (see {@link Dataset}) is healthy from 2026-01-01 to 2026-01-20,
 * with one crash on 2026-01-19, so the decision of each window is known in advance.
 */
@ExtendWith(TestDatabase.class)
@Tag("db")
class AuditStoreTest {
    private static final LocalDate FIRST = LocalDate.parse("2026-01-01");
    private static final LocalDate LAST = LocalDate.parse("2026-01-20");
    private static final LocalDate CRASH_DAY = LocalDate.parse("2026-01-19");
    private static final LocalDate HEALTHY_AS_OF = LocalDate.parse("2026-01-12");

    private static final List<String> STAGE_1_GATES = List.of("no crash", "mode switches 4-8 per day",
            "parameter update P99 <= 100 ms", "OFI quality not below baseline", "CVD quality not below baseline",
            "z-score distribution within 10% of baseline", "data loss not above baseline", "no critical alert");

    private static Jdbi jdbi;
    private static ReleaseConfig release;
    private static StageConfig stage;
    private static RuleSet rules;
    private static EvaluateStage evaluator;

    @BeforeAll
    static void setUp(Database db, @TempDir Path dir) throws IOException {
        jdbi = db.jdbi();
        release = ConfigLoader.load(Path.of("config/release.yaml"));
        stage = release.requireStage("gray_10pct");
        rules = RuleLoader.load(Path.of("rules"));
        evaluator = new EvaluateStage(jdbi);

        List<String> lines = new ArrayList<>(Dataset.healthy(FIRST, LAST));
        lines.add(Dataset.eventLine(CRASH_DAY, "crash_count", 1));
        Path file = dir.resolve("dataset.csv");
        Files.write(file, lines, StandardCharsets.UTF_8);
        IngestReport report = new Ingester(jdbi, release.catalogue()).ingestFile(file);
        assertThat(report.rejected()).as("rejections: %s", report.rejections()).isZero();
        assertThat(report.accepted()).isEqualTo(lines.size() - 1);
    }

    @Test
    void aHealthyCompleteWindowAdvancesAndEveryRowIsStored() {
        // a release of its own, so the day before is this evaluation's prior: the second healthy day in a row
        ReleaseConfig own = io.graygate.release.Releases.fresh();
        evaluator.evaluateAndStore(own, stage, rules, HEALTHY_AS_OF.minusDays(1), null, "test");
        Evaluation e = evaluator.evaluateAndStore(own, stage, rules, HEALTHY_AS_OF, null, "test");

        assertThat(e.id()).isNotNull();
        assertThat(e.decision()).as("votes: %s", e.votes()).isEqualTo(Verdict.ADVANCE);
        assertThat(e.window().start()).isEqualTo(LocalDate.parse("2026-01-10"));
        assertThat(e.window().end()).isEqualTo(HEALTHY_AS_OF);
        assertThat(e.votes()).extracting(v -> v.vote().kind(), v -> v.vote().verdict(), v -> v.vote().met())
                .containsOnly(tuple(VoteKind.GATE, Verdict.ADVANCE, true));
        assertThat(e.votes()).extracting(v -> v.vote().code()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(STAGE_1_GATES.stream(), java.util.stream.Stream.of("PASS_STREAK")).toList());

        assertStored(e);
        assertThat(storedSummary(e.id(), "crash_count").get("sum").asDouble()).isZero();
        assertThat(storedSummary(e.id(), "param_update_latency_ms").get("samples").asLong()).isEqualTo(24);
        assertThat(firingMatchedTypes(e.id(), "S1 no crash")).containsExactly("Stage", "MetricSummary:crash_count");
    }

    @Test
    void aCrashInTheWindowRollsBack() {
        Evaluation e = evaluator.evaluateAndStore(release, stage, rules, LAST, null, "test");

        assertThat(e.decision()).as("votes: %s", e.votes()).isEqualTo(Verdict.ROLLBACK);
        assertThat(e.reasons()).extracting(CastVote::rule, v -> v.vote().code(), v -> v.vote().value())
                .containsExactly(tuple("Any stage: crash", "CRASH", 1.0));
        assertThat(e.votes()).extracting(v -> v.vote().code(), v -> v.vote().verdict(), v -> v.vote().met())
                .contains(tuple("no crash", Verdict.HOLD, false), tuple("CRASH", Verdict.ROLLBACK, false));

        assertStored(e);
        assertThat(storedSummary(e.id(), "crash_count").get("sum").asDouble()).isEqualTo(1.0);
        assertThat(firingMatchedTypes(e.id(), "Any stage: crash")).containsExactly("Stage", "MetricSummary:crash_count");
        assertThat(count("SELECT count(*) FROM evaluation_vote WHERE evaluation_id = " + e.id()
                + " AND code = 'CRASH' AND verdict = 'ROLLBACK' AND rule_name = 'Any stage: crash' AND value = 1"))
                .isEqualTo(1);
    }

    @Test
    void anIncompleteObservationPeriodHolds() {
        Evaluation e = evaluator.evaluateAndStore(release, stage, rules, HEALTHY_AS_OF, HEALTHY_AS_OF, "test");

        assertThat(e.decision()).isEqualTo(Verdict.HOLD);
        assertThat(e.window().daysObserved()).isEqualTo(1);
        assertThat(e.votes()).extracting(CastVote::rule, CastVote::firingSeq, v -> v.vote().code())
                .contains(tuple("graygate:observation-period", null, "OBSERVATION_INCOMPLETE"),
                        // 8 latency samples on one day are fewer than min_samples 20
                        tuple("graygate:data-coverage", null, "INSUFFICIENT_DATA: param_update_latency_ms"));
        assertThat(e.votes()).noneMatch(v -> v.vote().verdict() == Verdict.ROLLBACK);

        assertStored(e);
        assertThat(count("SELECT count(*) FROM evaluation_vote WHERE evaluation_id = " + e.id()
                + " AND code = 'OBSERVATION_INCOMPLETE' AND firing_seq IS NULL AND kind = 'ENGINE'")).isEqualTo(1);
    }

    @Test
    void aWindowWithoutDataHoldsForInsufficientData() {
        Evaluation e = evaluator.evaluateAndStore(release, stage, rules, LocalDate.parse("2025-06-10"), null, "test");

        assertThat(e.decision()).isEqualTo(Verdict.HOLD);
        assertThat(e.votes()).extracting(v -> v.vote().code())
                .contains("NO_ADVANCE_CONDITIONS")
                .containsAll(stage.requiredMetrics().stream().map(m -> "INSUFFICIENT_DATA: " + m).toList());
        assertThat(e.votes()).allMatch(v -> v.vote().verdict() == Verdict.HOLD && v.firingSeq() == null);

        assertStored(e);
    }

    @Test
    void theRuleSetIsStoredOnceHoweverManyEvaluationsUseIt() {
        Evaluation first = evaluator.evaluateAndStore(release, stage, rules, HEALTHY_AS_OF, null, "test");
        Evaluation second = evaluator.evaluateAndStore(release, stage, rules, HEALTHY_AS_OF.plusDays(1), null, "someone-else");

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(count("SELECT count(*) FROM ruleset")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM evaluation WHERE ruleset_sha256 = '" + rules.sha256() + "'"))
                .isEqualTo(count("SELECT count(*) FROM evaluation")).isGreaterThanOrEqualTo(2);
        String loadedBy = jdbi.withHandle(h -> h.createQuery("SELECT loaded_by FROM ruleset WHERE sha256 = :sha")
                .bind("sha", rules.sha256()).mapTo(String.class).one());
        assertThat(loadedBy).isIn("test", "someone-else");

        List<List<String>> files = jdbi.withHandle(h -> h.createQuery(
                        "SELECT path, sha256, content FROM ruleset_file WHERE ruleset_sha256 = :sha ORDER BY path")
                .bind("sha", rules.sha256())
                .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list());
        assertThat(files).containsExactlyElementsOf(rules.files().stream()
                .sorted(Comparator.comparing(RuleFile::name))
                .map(f -> List.of(f.name(), f.sha256(), f.content())).toList());
        assertThat(files).extracting(f -> f.get(0)).containsExactly("alerts.drl", "entry.drl", "gate_hysteresis.drl", "gates.drl",
                "hysteresis.drl", "rollback.drl");
        assertThat(count("SELECT count(*) FROM ruleset_file")).isEqualTo(rules.files().size());
        assertThat(RuleLoader.ruleSetSha256(rules.files())).isEqualTo(rules.sha256());
    }

    @Test
    void anEvaluationIsStoredWholeOrNotAtAll() {
        Evaluation real = evaluator.evaluate(release, stage, rules, HEALTHY_AS_OF, null);
        List<CastVote> votes = new ArrayList<>(real.votes());
        votes.add(votes.get(0)); // the same seq twice: the last insert of the transaction fails
        Evaluation broken = new Evaluation(null, "atomicity-check", real.stage(), real.stageNumber(), real.asOf(),
                real.window(), real.decision(), votes, real.firings(), real.facts(), "ab".repeat(32),
                real.engineVersion(), real.stageConfig());
        String content = "// not compiled\n";
        RuleSet fresh = new RuleSet("ab".repeat(32), List.of(new RuleFile("x.drl", "x.drl", content,
                RuleLoader.sha256(content))), Map.of(), null);
        long evaluationsBefore = count("SELECT count(*) FROM evaluation");
        long factsBefore = count("SELECT count(*) FROM evaluation_fact");

        assertThatThrownBy(() -> new AuditStore(jdbi).save(broken, fresh, "test"))
                .hasStackTraceContaining("evaluation_vote");

        assertThat(count("SELECT count(*) FROM evaluation")).isEqualTo(evaluationsBefore);
        assertThat(count("SELECT count(*) FROM evaluation WHERE release = 'atomicity-check'")).isZero();
        assertThat(count("SELECT count(*) FROM evaluation_fact")).isEqualTo(factsBefore);
        assertThat(count("SELECT count(*) FROM ruleset WHERE sha256 = '" + "ab".repeat(32) + "'")).isZero();
        assertThat(count("SELECT count(*) FROM ruleset_file WHERE ruleset_sha256 = '" + "ab".repeat(32) + "'")).isZero();
    }

    // ------------------------------------------------------------------------------------------ checks of stored rows

    private record VoteRow(int seq, Integer firingSeq, String rule, String kind, String verdict, String severity,
                           String code, String message, String metric, Double value, String threshold, Double baseline,
                           boolean met) {
        static VoteRow of(CastVote cast) {
            var v = cast.vote();
            return new VoteRow(cast.seq(), cast.firingSeq(), cast.rule(), v.kind().name(), v.verdict().name(),
                    v.severity().name(), v.code(), v.message(), v.metric(), v.value(), v.threshold(), v.baseline(), v.met());
        }
    }

    private record FactRow(int id, String type, Integer derivedBy, JsonNode content) {
    }

    private record FiringRow(int seq, String rule, String file, String kind, JsonNode matched) {
    }

    /** Every row of one evaluation agrees with the evaluation as computed. */
    private static void assertStored(Evaluation e) {
        long id = e.id();
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("""
                        SELECT release, stage, stage_number, as_of, window_start, window_end, observation_days,
                               days_observed, ruleset_sha256, engine_version, decision, supersedes,
                               stage_config ->> 'name' AS config_name, stage_config ->> 'observationDays' AS config_days
                        FROM evaluation WHERE id = :id""")
                .bind("id", id).mapToMap().one());
        assertThat(row).containsEntry("release", e.release()).containsEntry("stage", "gray_10pct")
                .containsEntry("stage_number", 1).containsEntry("observation_days", 3)
                .containsEntry("days_observed", e.window().daysObserved())
                .containsEntry("ruleset_sha256", rules.sha256()).containsEntry("decision", e.decision().name())
                .containsEntry("config_name", "gray_10pct").containsEntry("config_days", "3")
                .containsEntry("supersedes", null);
        assertThat(row.get("as_of").toString()).isEqualTo(e.asOf().toString());
        assertThat(row.get("window_start").toString()).isEqualTo(e.window().start().toString());
        assertThat(row.get("window_end").toString()).isEqualTo(e.window().end().toString());
        assertThat((String) row.get("engine_version")).isNotBlank().isEqualTo(e.engineVersion()).startsWith("graygate ");

        // Facts: one row per fact, same id, type, origin and content.
        List<FactRow> facts = jdbi.withHandle(h -> h.createQuery("SELECT fact_id, type, derived_by, content::text "
                        + "FROM evaluation_fact WHERE evaluation_id = :id ORDER BY fact_id")
                .bind("id", id)
                .map((rs, ctx) -> new FactRow(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), tree(rs.getString(4))))
                .list());
        assertThat(facts).hasSize(e.facts().size());
        for (int i = 0; i < facts.size(); i++) {
            FactRecord expected = e.facts().get(i);
            FactRow actual = facts.get(i);
            assertThat(tuple(actual.id(), actual.type(), actual.derivedBy()))
                    .isEqualTo(tuple(expected.id(), expected.type(), expected.derivedBy()));
            assertSameJson(actual.content(), tree(Json.write(expected.value())), "fact " + expected.id());
        }
        assertThat(facts).filteredOn(f -> f.type().equals("Stage")).hasSize(1);

        // Firings: rule names, files, kinds and the matched objects as fact references.
        List<FiringRow> firings = jdbi.withHandle(h -> h.createQuery("SELECT seq, rule_name, rule_file, kind, matched::text "
                        + "FROM rule_firing WHERE evaluation_id = :id ORDER BY seq")
                .bind("id", id)
                .map((rs, ctx) -> new FiringRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        tree(rs.getString(5))))
                .list());
        assertThat(firings).hasSize(e.firings().size());
        for (int i = 0; i < firings.size(); i++) {
            Firing expected = e.firings().get(i);
            FiringRow actual = firings.get(i);
            assertThat(tuple(actual.seq(), actual.rule(), actual.file(), actual.kind()))
                    .isEqualTo(tuple(expected.seq(), expected.rule(), expected.file(), expected.kind()));
            // rule_file joins to ruleset_file.path: the file relative to the rules directory
            assertThat(rules.files()).extracting(f -> f.name()).contains(actual.file());
            assertThat(actual.kind()).isIn("gate", "rollback", "alert", "derive");
            assertSameJson(actual.matched(), tree(Json.write(expected.matched())), "firing " + expected.seq());
            assertThat(actual.matched().findValues("fact")).as("fact references of %s", expected.rule()).isNotEmpty();
        }
        // Every fact reference in matched names a fact of the same evaluation; every derived fact a firing.
        assertThat(count("SELECT count(*) FROM rule_firing f, jsonb_path_query(f.matched, 'strict $.**.fact') ref "
                + "WHERE f.evaluation_id = " + id + " AND NOT EXISTS (SELECT 1 FROM evaluation_fact x "
                + "WHERE x.evaluation_id = f.evaluation_id AND x.fact_id = ref::int)")).isZero();
        assertThat(count("SELECT count(*) FROM evaluation_fact x WHERE x.evaluation_id = " + id
                + " AND x.derived_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rule_firing f "
                + "WHERE f.evaluation_id = x.evaluation_id AND f.seq = x.derived_by)")).isZero();

        // Votes: exactly the evaluation's, and a rule's vote points at the firing of that rule.
        List<VoteRow> votes = jdbi.withHandle(h -> h.createQuery("""
                        SELECT seq, firing_seq, rule_name, kind, verdict, severity, code, message, metric, value,
                               threshold, baseline, met
                        FROM evaluation_vote WHERE evaluation_id = :id ORDER BY seq""")
                .bind("id", id)
                .map((rs, ctx) -> new VoteRow(rs.getInt("seq"), (Integer) rs.getObject("firing_seq"),
                        rs.getString("rule_name"), rs.getString("kind"), rs.getString("verdict"),
                        rs.getString("severity"), rs.getString("code"), rs.getString("message"), rs.getString("metric"),
                        (Double) rs.getObject("value"), rs.getString("threshold"), (Double) rs.getObject("baseline"),
                        rs.getBoolean("met")))
                .list());
        assertThat(votes).containsExactlyElementsOf(e.votes().stream().map(VoteRow::of).toList());
        assertThat(count("SELECT count(*) FROM evaluation_vote v WHERE v.evaluation_id = " + id
                + " AND v.firing_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE "
                + "f.evaluation_id = v.evaluation_id AND f.seq = v.firing_seq AND f.rule_name = v.rule_name)")).isZero();
        assertThat(facts).filteredOn(f -> f.type().equals("Vote"))
                .hasSize((int) e.votes().stream().filter(v -> v.firingSeq() != null).count());
    }

    /** The stored content of the stage-wide MetricSummary fact of a metric. */
    private static JsonNode storedSummary(long evaluationId, String metric) {
        return tree(jdbi.withHandle(h -> h.createQuery("SELECT content::text FROM evaluation_fact WHERE evaluation_id = :id "
                        + "AND type = 'MetricSummary' AND content ->> 'metric' = :metric AND content ->> 'group' = 'STAGE' "
                        + "AND content ->> 'symbol' = ''")
                .bind("id", evaluationId).bind("metric", metric).mapTo(String.class).one()));
    }

    /** For the (single) firing of a rule: the types of the facts its matched references point at, in order. */
    private static List<String> firingMatchedTypes(long evaluationId, String rule) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT x.type || coalesce(':' || (x.content ->> 'metric'), '')
                        FROM rule_firing f
                        CROSS JOIN LATERAL jsonb_array_elements(f.matched) WITH ORDINALITY AS m(ref, n)
                        JOIN evaluation_fact x ON x.evaluation_id = f.evaluation_id AND x.fact_id = (m.ref ->> 'fact')::int
                        WHERE f.evaluation_id = :id AND f.rule_name = :rule
                        ORDER BY m.n""")
                .bind("id", evaluationId).bind("rule", rule).mapTo(String.class).list());
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** jsonb renders numbers in its own way (1.0E10 as 10000000000): numbers compare by value. */
    private static void assertSameJson(JsonNode actual, JsonNode expected, String what) {
        Comparator<JsonNode> numbersByValue = (a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return Double.compare(a.doubleValue(), b.doubleValue());
            }
            return a.equals(b) ? 0 : 1;
        };
        assertThat(actual.equals(numbersByValue, expected)).as("%s stored as %s, expected %s", what, actual, expected)
                .isTrue();
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
