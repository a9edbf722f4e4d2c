package io.graygate.evaluation;

import io.graygate.decision.FactRecord;
import io.graygate.decision.Firing;
import io.graygate.decision.InputFacts;

import io.graygate.decision.CastVote;
import io.graygate.decision.DecisionPolicy;
import io.graygate.decision.Evaluation;

import io.graygate.facts.Comparison;
import io.graygate.facts.DailyMetric;
import io.graygate.facts.DistributionShift;
import io.graygate.facts.MetricSummary;
import io.graygate.facts.Severity;
import io.graygate.facts.Verdict;
import io.graygate.facts.Vote;
import io.graygate.facts.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.graygate.facts.Verdict.ADVANCE;
import static io.graygate.facts.Verdict.HOLD;
import static io.graygate.facts.Verdict.ROLLBACK;
import static org.assertj.core.api.Assertions.assertThat;

/** ROLLBACK beats HOLD beats ADVANCE, no vote is dropped, and every vote says who cast it on which facts. */
@DisplayName("decision precedence and vote attribution")
class DecisionPrecedenceTest extends DecisionTestSupport {
    static final String P99 = "S1 parameter update P99 <= 100 ms";

    @Nested
    @DisplayName("DecisionPolicy")
    class Policy {
        private CastVote cast(int seq, Vote vote) {
            return new CastVote(seq, seq, "rule " + seq, vote, List.of());
        }

        private final Vote advance = Vote.condition("a", true, "m", 1, "= 1");
        private final Vote hold = Vote.condition("h", false, "m", 2, "= 1");
        private final Vote warning = Vote.alert(Severity.WARNING, "W", "warning", "m", 1, "< 1");
        private final Vote critical = Vote.alert(Severity.CRITICAL, "C", "critical", "m", 1, "< 1");
        private final Vote rollback = Vote.rollback("R", "rollback", "m", 1, "= 0");

        @Test
        @DisplayName("only ADVANCE votes and warnings -> ADVANCE")
        void advanceOnly() {
            assertThat(DecisionPolicy.decide(List.of(cast(1, advance), cast(2, warning)))).isEqualTo(ADVANCE);
        }

        @Test
        @DisplayName("HOLD beats ADVANCE, in any order")
        void holdBeatsAdvance() {
            assertThat(DecisionPolicy.decide(List.of(cast(1, advance), cast(2, hold)))).isEqualTo(HOLD);
            assertThat(DecisionPolicy.decide(List.of(cast(1, hold), cast(2, advance)))).isEqualTo(HOLD);
            assertThat(DecisionPolicy.decide(List.of(cast(1, advance), cast(2, critical)))).isEqualTo(HOLD);
        }

        @Test
        @DisplayName("ROLLBACK beats HOLD and ADVANCE, in any order")
        void rollbackBeatsAll() {
            assertThat(DecisionPolicy.decide(List.of(cast(1, rollback), cast(2, hold), cast(3, advance))))
                    .isEqualTo(ROLLBACK);
            assertThat(DecisionPolicy.decide(List.of(cast(1, advance), cast(2, hold), cast(3, rollback))))
                    .isEqualTo(ROLLBACK);
        }

        @Test
        @DisplayName("the reasons for a HOLD are the HOLD votes and no warning")
        void reasonsAreTheDecisiveVotes() {
            List<CastVote> votes = List.of(cast(1, advance), cast(2, hold), cast(3, warning), cast(4, critical));
            assertThat(DecisionPolicy.reasons(HOLD, votes)).extracting(CastVote::seq).containsExactly(2, 4);
            assertThat(DecisionPolicy.reasons(ADVANCE, votes)).extracting(CastVote::seq).containsExactly(1);
        }
    }

    @Test
    @DisplayName("stage 1 with a crash, P99 100.1 ms and z-score deviation 0.11 -> ROLLBACK, and every HOLD vote is kept")
    void rollbackKeepsEveryOtherVote() {
        Evaluation evaluation = decide(stage1().crashes(1).paramUpdateP99(100.1).zscoreDeviation(0.11));

        assertThat(evaluation.decision()).isEqualTo(ROLLBACK);
        assertThat(reasons(evaluation)).containsExactly(rollback("Any stage: crash", "CRASH"));
        assertThat(allVotes(evaluation)).contains(
                notMet("S1 no crash", "no crash"),
                notMet(P99, "parameter update P99 <= 100 ms"),
                notMet("S1 z-score distribution unchanged", "z-score distribution within 10% of baseline"),
                criticalAlert("Alert: z-score distribution", "ZSCORE_DISTRIBUTION"),
                new Reason(ADVANCE, "S1 OFI signal quality not degraded", "OFI quality not below baseline"));
        assertThat(alertCodes(evaluation, Severity.WARNING)).containsExactly("PARAM_UPDATE_P99");
    }

    @Test
    @DisplayName("stage 1 with P99 100.1 ms and 2 of 3 days -> HOLD with both reasons; the ADVANCE votes are kept")
    void holdKeepsEveryOtherVote() {
        Evaluation evaluation = decide(stage1().paramUpdateP99(100.1).daysObserved(2));

        assertThat(evaluation.decision()).isEqualTo(HOLD);
        assertThat(reasons(evaluation)).containsExactlyInAnyOrder(
                notMet(P99, "parameter update P99 <= 100 ms"),
                engineHold("graygate:observation-period", "OBSERVATION_INCOMPLETE"));
        assertThat(evaluation.votes()).filteredOn(v -> v.vote().verdict() == Verdict.ADVANCE)
                .extracting(CastVote::rule).contains("S1 no crash", "S1 no critical alert");
    }

    @Test
    @DisplayName("every vote a rule inserted appears in the evaluation, numbered 1..n")
    void everyInsertedVoteIsKept() {
        Evaluation evaluation = decide(stage1().crashes(1).paramUpdateP99(100.1).daysObserved(2));

        long votesInserted = evaluation.facts().stream().filter(f -> f.value() instanceof Vote).count();
        long engineVotes = evaluation.votes().stream().filter(v -> v.vote().kind() == VoteKind.ENGINE).count();
        assertThat(evaluation.votes()).hasSize((int) (votesInserted + engineVotes));
        assertThat(evaluation.votes()).extracting(CastVote::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, evaluation.votes().size()).boxed().toList());
    }

    // ------------------------------------------------------------------ attribution

    @Nested
    @DisplayName("a vote carries its rule and the facts it matched")
    class Attribution {
        @Test
        @DisplayName("P99 gate: the Stage and the very MetricSummary given as input")
        void gateVotePointsAtItsSummary() {
            Scenario scenario = stage1().paramUpdateP99(100.1);
            InputFacts inputs = scenario.facts();
            MetricSummary latency = inputs.summaries().stream()
                    .filter(s -> s.metric().equals("param_update_latency_ms") && s.symbol().isEmpty())
                    .findFirst().orElseThrow();

            Evaluation evaluation = EvaluateStage.decide(inputs, rules, scenario.window(), scenario.stageConfig(), "test");

            CastVote vote = voteBy(evaluation, P99);
            assertThat(vote.rule()).isEqualTo(P99);
            assertThat(vote.firingSeq()).isNotNull();
            assertThat(evaluation.firings()).filteredOn(f -> f.seq() == vote.firingSeq()).singleElement()
                    .satisfies(f -> assertThat(f.rule()).isEqualTo(P99))
                    .satisfies(f -> assertThat(f.file()).isEqualTo("gates.drl"))
                    .satisfies(f -> assertThat(f.kind()).isEqualTo("gate"));
            assertThat(vote.factIds()).isNotEmpty();
            assertThat(factsOf(evaluation, vote)).extracting(FactRecord::type)
                    .containsExactlyInAnyOrder("Stage", "MetricSummary");
            assertThat(factsOf(evaluation, vote)).filteredOn(f -> f.type().equals("MetricSummary"))
                    .singleElement().satisfies(f -> assertThat(f.value()).isSameAs(latency));
        }

        @Test
        @DisplayName("CRASH rollback: the crash_count MetricSummary")
        void rollbackVotePointsAtCrashCount() {
            Evaluation evaluation = decide(stage1().crashes(1));

            CastVote vote = voteBy(evaluation, "Any stage: crash");
            assertThat(factsOf(evaluation, vote)).filteredOn(f -> f.type().equals("MetricSummary")).singleElement()
                    .satisfies(f -> assertThat(((MetricSummary) f.value()).metric()).isEqualTo("crash_count"));
        }

        @Test
        @DisplayName("OFI gate: the OFI Comparison for the whole stage")
        void comparisonGatePointsAtComparison() {
            Evaluation evaluation = decide(stage1().ofiQuality(97.9));

            CastVote vote = voteBy(evaluation, "S1 OFI signal quality not degraded");
            assertThat(factsOf(evaluation, vote)).filteredOn(f -> f.type().equals("Comparison")).singleElement()
                    .satisfies(f -> assertThat(((Comparison) f.value()).metric()).isEqualTo("ofi_signal_quality"))
                    .satisfies(f -> assertThat(((Comparison) f.value()).symbol()).isEmpty());
        }

        @Test
        @DisplayName("z-score gate and alert: the z-score DistributionShift for the whole stage")
        void shiftVotesPointAtShift() {
            Evaluation evaluation = decide(stage1().zscoreDeviation(0.11));

            for (String rule : List.of("S1 z-score distribution unchanged", "Alert: z-score distribution")) {
                assertThat(factsOf(evaluation, voteBy(evaluation, rule)))
                        .filteredOn(f -> f.type().equals("DistributionShift")).singleElement()
                        .satisfies(f -> assertThat(((DistributionShift) f.value()).deviation()).isEqualTo(0.11))
                        .satisfies(f -> assertThat(((DistributionShift) f.value()).symbol()).isEmpty());
            }
        }

        @Test
        @DisplayName("time-out trigger (soft): its vote points at the SoftTrigger, whose rule matched the day with 5 time-outs")
        void dailyRollbackPointsAtTheDay() {
            Evaluation evaluation = decide(stage1().paramUpdateTimeoutsOnDay(2, 5));

            CastVote vote = softVote(evaluation, "S1 frequent parameter-update time-outs");
            assertThat(factsBehindTrigger(evaluation, vote)).filteredOn(f -> f.type().equals("DailyMetric")).singleElement()
                    .satisfies(f -> assertThat(((DailyMetric) f.value()).day())
                            .isEqualTo(Scenario.WINDOW_START.plusDays(1)))
                    .satisfies(f -> assertThat(((DailyMetric) f.value()).sum()).isEqualTo(5.0));
        }

        /** The facts the rule that inserted the vote's SoftTrigger matched. */
        private List<FactRecord> factsBehindTrigger(Evaluation evaluation, CastVote vote) {
            FactRecord trigger = factsOf(evaluation, vote).stream().filter(f -> f.type().equals("SoftTrigger"))
                    .findFirst().orElseThrow();
            Firing by = evaluation.firings().stream().filter(f -> f.seq() == trigger.derivedBy()).findFirst().orElseThrow();
            List<Integer> ids = new java.util.ArrayList<>();
            collectIds(by.matched(), ids);
            return ids.stream().map(id -> fact(evaluation, id)).toList();
        }

        private void collectIds(Object matched, List<Integer> ids) {
            if (matched instanceof java.util.Map<?, ?> map && map.get("fact") instanceof Integer id) {
                ids.add(id);
            } else if (matched instanceof java.util.Collection<?> items) {
                items.forEach(item -> collectIds(item, ids));
            }
        }

        @Test
        @DisplayName("mode-switch gate (collect): every per-symbol DailyMetric it judged, including the day out of range")
        void collectGatePointsAtEveryDay() {
            Evaluation evaluation = decide(stage1().modeSwitchesOnDay("ETHUSDT", 2, 9));

            CastVote vote = voteBy(evaluation, "S1 mode switches 4-8 per day");
            List<FactRecord> daily = factsOf(evaluation, vote).stream()
                    .filter(f -> f.type().equals("DailyMetric")).toList();
            assertThat(daily).extracting(f -> (DailyMetric) f.value())
                    .allSatisfy(d -> assertThat(d.metric()).isEqualTo("mode_switch_count"))
                    .allSatisfy(d -> assertThat(d.symbol()).isEqualTo("ETHUSDT"))
                    .extracting(DailyMetric::day)
                    .containsAll(List.of(Scenario.WINDOW_START, Scenario.WINDOW_START.plusDays(1),
                            Scenario.WINDOW_START.plusDays(2)));
            assertThat(daily).extracting(f -> ((DailyMetric) f.value()).sum()).contains(9.0);
        }

        @Test
        @DisplayName("alert: the MetricSummary that crossed the threshold")
        void alertPointsAtSummary() {
            Evaluation evaluation = decide(stage1().cpu(0.6));

            assertThat(factsOf(evaluation, voteBy(evaluation, "Alert: CPU"))).singleElement()
                    .satisfies(f -> assertThat(f.type()).isEqualTo("MetricSummary"))
                    .satisfies(f -> assertThat(((MetricSummary) f.value()).metric()).isEqualTo("cpu_ratio"));
        }

        @Test
        @DisplayName("symbols in trouble are derived facts that point back at the firing on their Comparison")
        void symbolTroubleIsTraceable() {
            Evaluation evaluation = decide(stage2()
                    .symbolScore("ofi_signal_quality", "BTCUSDT", 94.9)
                    .symbolScore("ofi_signal_quality", "SOLUSDT", 94.9));

            List<FactRecord> troubles = evaluation.facts().stream().filter(f -> f.type().equals("SymbolTrouble")).toList();
            assertThat(troubles).hasSize(2).allSatisfy(trouble -> {
                assertThat(trouble.derivedBy()).isNotNull();
                Firing firing = evaluation.firings().stream().filter(f -> f.seq() == trouble.derivedBy())
                        .findFirst().orElseThrow();
                assertThat(firing.rule()).isEqualTo("S2+ symbol in trouble: signal quality");
                assertThat(firing.matched()).anySatisfy(ref -> {
                    int id = (Integer) ((java.util.Map<?, ?>) ref).get("fact");
                    assertThat(fact(evaluation, id).type()).isIn("Stage", "Comparison");
                });
            });
        }

        @Test
        @DisplayName("SEVERAL_SYMBOLS trigger (soft): its rule matched the SymbolTrouble facts of the symbols in trouble")
        void severalSymbolsPointsAtTheTroubles() {
            Evaluation evaluation = decide(stage2()
                    .symbolScore("ofi_signal_quality", "BTCUSDT", 94.9)
                    .symbolScore("ofi_signal_quality", "SOLUSDT", 94.9));

            CastVote several = softVote(evaluation, "S2+ several symbols in trouble");
            assertThat(factsBehindTrigger(evaluation, several)).extracting(FactRecord::type).contains("Stage");
            assertThat(factsBehindTrigger(evaluation, several)).filteredOn(f -> f.type().equals("SymbolTrouble")).hasSize(2)
                    .allSatisfy(f -> assertThat(f.derivedBy()).isNotNull());
        }

        @Test
        @DisplayName("every vote cast by a rule names a shipped rule and at least one fact")
        void everyRuleVoteIsAttributed() {
            Evaluation evaluation = decide(stage2().crashes(1).paramUpdateP99(250).cpu(0.8).strategyReturn(89));

            List<CastVote> ruleVotes = evaluation.votes().stream().filter(v -> v.vote().kind() != VoteKind.ENGINE).toList();
            assertThat(ruleVotes).isNotEmpty().allSatisfy(v -> {
                assertThat(rules.rule(v.rule())).as("rule '%s' is shipped", v.rule()).isPresent();
                assertThat(v.factIds()).as("facts of '%s'", v.rule()).isNotEmpty();
                // input facts, or facts a recorded firing derived (the gate hysteresis votes on SoftTrigger, GateStreak)
                assertThat(v.factIds()).allSatisfy(id -> assertThat(fact(evaluation, id).derivedBy())
                        .satisfiesAnyOf(by -> assertThat(by).isNull(),
                                by -> assertThat(evaluation.firings()).extracting(Firing::seq).contains(by)));
            });
        }
    }
}
